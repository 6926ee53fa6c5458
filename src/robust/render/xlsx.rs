//! The analysis as an Excel workbook: one sheet per table.

use super::Names;
use crate::robust::result::Analysis;
use std::path::Path;

/// Writes the workbook.
pub fn xlsx(a: &Analysis, n: &Names, path: &Path) -> Result<(), String> {
    let _ = (a, n);
    Err(format!("{}: Excel output is not built yet", path.display()))
}
