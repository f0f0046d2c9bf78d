package cn.lantian.registry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The subjects list as an Excel workbook: written as .xlsx (one sheet, the columns' names in bold, every cell
 * as text), read from .xlsx or the older .xls as the city's emergency-reduction list comes (its first sheet,
 * each cell as Excel shows it: a credit code typed as a number keeps its digits, a formula gives its value).
 */
public final class SubjectXlsx {
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private SubjectXlsx() {}

    /** Rows read at most, so that a sheet claiming a million rows is refused before it is walked. */
    static final int MAX_ROWS = 100_000;

    /** Whether the bytes are a workbook: a zip (.xlsx) or an OLE2 compound file (.xls), by their first bytes. */
    public static boolean isWorkbook(byte[] b) {
        boolean zip = b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
        boolean ole2 = b.length >= 8 && (b[0] & 0xFF) == 0xD0 && (b[1] & 0xFF) == 0xCF && (b[2] & 0xFF) == 0x11
                && (b[3] & 0xFF) == 0xE0 && (b[4] & 0xFF) == 0xA1 && (b[5] & 0xFF) == 0xB1 && (b[6] & 0xFF) == 0x1A
                && (b[7] & 0xFF) == 0xE1;
        return zip || ole2;
    }

    /**
     * The first sheet's rows as the CSV reader gives them: line = the row's number in Excel, column = the
     * cell's (A = 1); empty rows are skipped. A file that is no readable workbook is one problem.
     */
    public static List<SubjectCsv.Line> read(byte[] bytes, List<String> problems) {
        List<SubjectCsv.Line> lines = new ArrayList<>();
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            if (book.getNumberOfSheets() == 0) {
                problems.add("line 1: the workbook has no sheet");
                return lines;
            }
            Sheet sheet = book.getSheetAt(0);
            if (sheet.getLastRowNum() > MAX_ROWS) {
                problems.add("line " + (sheet.getLastRowNum() + 1) + ": the sheet has more than " + MAX_ROWS + " rows");
                return lines;
            }
            DataFormatter shown = new DataFormatter(java.util.Locale.CHINA);
            for (Row row : sheet) {
                List<SubjectCsv.Cell> cells = new ArrayList<>();
                int last = Math.max(row.getLastCellNum(), 0);
                boolean blank = true;
                for (int c = 0; c < last; c++) {
                    Cell cell = row.getCell(c);
                    String text = cell == null ? "" : text(cell, shown).strip();
                    blank &= text.isEmpty();
                    cells.add(new SubjectCsv.Cell(text, row.getRowNum() + 1, c + 1));
                }
                if (!blank) {
                    lines.add(new SubjectCsv.Line(row.getRowNum() + 1, cells));
                }
            }
        } catch (IOException | RuntimeException e) {
            // POI refuses a damaged or hostile file (a zip bomb, an encrypted book) with a runtime exception of its own.
            problems.add("line 1: the file is not a workbook Excel can open (" + e.getClass().getSimpleName() + "); "
                    + "save it again as “Excel 工作簿（*.xlsx）”");
        }
        return lines;
    }

    /** A cell's text as Excel shows it; a formula's cached value, never the formula. */
    private static String text(Cell cell, DataFormatter shown) {
        if (cell.getCellType() != CellType.FORMULA) {
            return shown.formatCellValue(cell);
        }
        return switch (cell.getCachedFormulaResultType()) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> shown.formatRawCellContents(cell.getNumericCellValue(), cell.getCellStyle().getDataFormat(),
                    cell.getCellStyle().getDataFormatString());
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            default -> "";
        };
    }

    public static byte[] write(List<List<String>> table) {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("检查对象");
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            for (int r = 0; r < table.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = table.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    Cell cell = row.createCell(c);
                    cell.setCellValue(cells.get(c)); // text, never a formula
                    if (r == 0) {
                        cell.setCellStyle(bold);
                    }
                }
            }
            sheet.createFreezePane(0, 1);
            book.write(out);
            book.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the workbook could not be written", e);
        }
    }
}
