//! Excel workbooks: read with calamine, written back with rust_xlsxwriter
//! (cell values only: formatting is not carried over).

use std::io::Cursor;

use calamine::{Data, Reader};

use super::{FormatProblem, Layout, Library, LibraryError, ReadOptions, WriteError, choose_column};

pub fn read(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Library, LibraryError> {
    let fail = |problem| LibraryError::Format {
        file: name.to_string(),
        problem,
    };
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| fail(FormatProblem::NotAWorkbook(e.to_string())))?;
    let sheets = workbook.sheet_names();
    let sheet = match options.sheet.as_deref() {
        Some(wanted) => sheets
            .iter()
            .find(|s| s.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                fail(FormatProblem::NoSheet {
                    wanted: wanted.to_string(),
                    sheets: sheets.clone(),
                })
            })?,
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| fail(FormatProblem::NoSheets))?,
    };
    let range = workbook.worksheet_range(&sheet).map_err(|e| {
        fail(FormatProblem::UnreadableSheet {
            sheet: sheet.clone(),
            message: e.to_string(),
        })
    })?;
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    let Some(header) = rows.first().cloned() else {
        return Err(fail(FormatProblem::EmptySheet { sheet }));
    };
    let column = choose_column(&header, &rows[1..], options.column.as_deref())
        .map_err(|e| fail(FormatProblem::Column(e)))?;
    let first_row = range.start().map_or(1, |(r, _)| r as usize + 1);
    let mut library = Library {
        name: name.to_string(),
        messages: Vec::new(),
        problems: Vec::new(),
        columns: header.clone(),
        text_column: Some(column),
        sheets,
        sheet: Some(sheet.clone()),
        encoding: encoding_rs::UTF_8,
        bom: false,
        newline: "\n",
        layout: Layout::Text,
    };
    let id_column = header
        .iter()
        .position(|h| super::ID_HEADERS.contains(&h.trim().to_lowercase().as_str()));
    for (i, row) in rows.iter().enumerate().skip(1) {
        let text = row.get(column).cloned().unwrap_or_default();
        if text.trim().is_empty() {
            continue;
        }
        let id = id_column.and_then(|c| row.get(c)).cloned();
        library.push(id, first_row + i, text, None);
    }
    library.layout = Layout::Xlsx {
        sheet,
        rows,
        column,
    };
    Ok(library)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// The sheet with the text column replaced, rows without text left as they were.
pub fn write(
    sheet: &str,
    rows: &[Vec<String>],
    column: usize,
    texts: &[String],
) -> Result<Vec<u8>, WriteError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet)?;
    let mut fixed = texts.iter();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let value = if r > 0 && c == column && !cell.trim().is_empty() {
                fixed.next().map_or(cell.as_str(), String::as_str)
            } else {
                cell.as_str()
            };
            if !value.is_empty() {
                worksheet.write_string(r as u32, c as u16, value)?;
            }
        }
    }
    Ok(workbook.save_to_buffer()?)
}
