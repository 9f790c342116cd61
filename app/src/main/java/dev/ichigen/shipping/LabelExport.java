package dev.ichigen.shipping;

import java.util.List;

/**
 * The result of a label export: the files (more than one when the carrier limits rows per file, クリックポスト 40),
 * the keys of the parcels in them, and the problems — parcels left out with the reason, and warnings.
 */
public record LabelExport(String format, List<LabelFile> files, List<String> exportedKeys, List<LabelProblem> problems) {

    public List<LabelProblem> excluded() {
        return problems.stream().filter(LabelProblem::excluded).toList();
    }
}
