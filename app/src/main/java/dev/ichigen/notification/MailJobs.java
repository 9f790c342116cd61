package dev.ichigen.notification;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * The notification module's db-scheduler tasks (one runner cluster-wide each): the mail sender every
 * {@code ichigen.mail.send-interval} (default 10 s) and the outbox retention every {@code ichigen.mail.retention-interval}
 * (default 6 h).
 */
@Configuration(proxyBeanMethods = false)
class MailJobs {

    static final String SENDER = "notification-mail-sender";
    static final String RETENTION = "notification-mail-retention";

    @Bean
    RecurringTask<Void> notificationMailSenderTask(CustomerMail mail, @Value("${ichigen.mail.send-interval:PT10S}") Duration interval) {
        return Tasks.recurring(SENDER, FixedDelay.of(interval)).execute((instance, context) -> mail.sendDue());
    }

    @Bean
    RecurringTask<Void> notificationMailRetentionTask(CustomerMail mail,
            @Value("${ichigen.mail.retention-interval:PT6H}") Duration interval) {
        return Tasks.recurring(RETENTION, FixedDelay.of(interval)).execute((instance, context) -> mail.anonymiseDue());
    }
}
