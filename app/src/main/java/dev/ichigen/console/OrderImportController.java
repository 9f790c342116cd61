package dev.ichigen.console;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.orderimport.OrderCsvImport;
import dev.ichigen.orderimport.OrderImportReport;
import dev.ichigen.orderimport.OrderImportSource;
import dev.ichigen.orderimport.OrderImportSources;
import dev.ichigen.orderimport.SourceEncoding;
import dev.ichigen.shared.InvalidInputException;

/**
 * 受注CSV取込: pick an import source, upload an order file, read the result and the row errors (downloadable as
 * CSV); create and edit sources with the mapping editor, whose column choices come from an uploaded sample's
 * header. ADMIN and OPERATOR.
 */
@Controller
@RequestMapping("/orders/import")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
class OrderImportController {

    private final OrderImportSources sources;
    private final OrderCsvImport imports;
    private final ChannelManagement channels;

    OrderImportController(OrderImportSources sources, OrderCsvImport imports, ChannelManagement channels) {
        this.sources = sources;
        this.imports = imports;
        this.channels = channels;
    }

    @GetMapping
    String page(@RequestParam(required = false) Long source, Model model) {
        model.addAttribute("sourceId", source);
        model.addAttribute("validOnly", false);
        return page(model);
    }

    @PostMapping
    String upload(@RequestParam(required = false) Long source, @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean validOnly, Model model) {
        model.addAttribute("sourceId", source);
        model.addAttribute("validOnly", validOnly);
        if (source == null) {
            model.addAttribute("sourceMissing", true);
        } else if (file == null || file.isEmpty()) {
            model.addAttribute("fileMissing", true);
        } else {
            OrderImportReport report = imports.importCsv(source, file::getInputStream, file.getOriginalFilename(), validOnly);
            model.addAttribute("report", report);
            model.addAttribute("fileName", file.getOriginalFilename());
        }
        return page(model);
    }

    @GetMapping("/runs/{runId}/errors")
    ResponseEntity<byte[]> errors(@PathVariable long runId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        imports.writeErrorReport(runId, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=Shift_JIS"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("order-import-" + runId + "-errors.csv", StandardCharsets.UTF_8).build().toString())
                .body(out.toByteArray());
    }

    /** A blank order CSV in the generic ichigen layout (header row only), Shift_JIS as Excel opens it. */
    @GetMapping("/template")
    ResponseEntity<byte[]> template() throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var writer = new dev.ichigen.shared.csv.ExcelSafeCsvWriter(out, dev.ichigen.shared.csv.CsvEncoding.CP932)) {
            writer.writeRow(OrderImportSources.ichigenPreset().columns().stream().map(c -> c.column()).toList());
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=Shift_JIS"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("orders-template.csv", StandardCharsets.UTF_8).build().toString())
                .body(out.toByteArray());
    }

    // ------------------------------------------------------------------ sources

    @GetMapping("/sources/new")
    String newSource(Model model) {
        OrderImportSources.Preset preset = OrderImportSources.ichigenPreset();
        return editor(OrderImportSourceForm.of(null, null, preset.encoding(), preset.headerRow(), preset.columns()), null,
                List.of(), model);
    }

    @GetMapping("/sources/{id}")
    String editSource(@PathVariable long id, Model model) {
        return editor(OrderImportSourceForm.of(sources.get(id)), id, List.of(), model);
    }

    /** Reads the header of a sample file and shows the editor again with the columns to choose from. */
    @PostMapping("/sources/sample")
    String sample(@ModelAttribute("form") OrderImportSourceForm form, BindingResult binding,
            @RequestParam(required = false) Long id, @RequestParam(name = "sample", required = false) MultipartFile sample,
            Model model) {
        List<String> header = List.of();
        if (sample == null || sample.isEmpty()) {
            binding.reject("sample", "サンプルCSVを選んでください");
        } else {
            try {
                header = sources.sampleHeader(sample::getInputStream, form.getEncoding());
                form.guessColumns(header);
            } catch (InvalidInputException e) {
                FormErrors.reject(binding, e);
            }
        }
        return editor(form, id, header, model);
    }

    @PostMapping("/sources")
    String save(@ModelAttribute("form") OrderImportSourceForm form, BindingResult binding,
            @RequestParam(required = false) Long id, @RequestParam(required = false) List<String> header, Model model,
            RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return editor(form, id, header == null ? List.of() : header, model);
        }
        try {
            OrderImportSource saved = id == null ? sources.create(form.definition()) : sources.update(id, form.definition());
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("orderimport.source.saved", saved.name()));
            return "redirect:/orders/import?source=" + saved.id();
        } catch (InvalidInputException e) {
            FormErrors.reject(binding, e);
            return editor(form, id, header == null ? List.of() : header, model);
        }
    }

    @PostMapping("/sources/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        String name = sources.get(id).name();
        sources.delete(id);
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("orderimport.source.deleted", name));
        return "redirect:/orders/import";
    }

    private String page(Model model) {
        model.addAttribute("sources", sources.list());
        model.addAttribute("channelNames", channelNames());
        return "orders/import";
    }

    private String editor(OrderImportSourceForm form, Long id, List<String> header, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("id", id);
        model.addAttribute("header", header);
        model.addAttribute("channels", channels.list());
        model.addAttribute("encodings", SourceEncoding.values());
        return "orders/import-source";
    }

    private java.util.Map<Long, String> channelNames() {
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        channels.list().forEach(c -> names.put(c.id(), c.name()));
        return names;
    }
}
