package dev.ichigen.console;

/** The メール template editor's form; fields named like {@code CustomerMail#saveTemplate}'s errors. */
public class MailTemplateForm {

    private String subject;
    private String body;
    private boolean enabled;
    private Long previewOrderId;

    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Long getPreviewOrderId() { return previewOrderId; }
    public void setPreviewOrderId(Long previewOrderId) { this.previewOrderId = previewOrderId; }
}
