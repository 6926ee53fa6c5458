//! How CSV output is written for the program that will open it (`--csv-dialect`).
//!
//! `standard` is RFC 4180 with `,` and a decimal point: what scripts, R and pandas read.
//! `excel-lv` is what a spreadsheet in a Latvian locale opens without an import dialog: a UTF-8
//! byte-order mark (without it Excel reads the file as Windows-1257 and garbles ā, č, ē, …),
//! `;` between fields (the list separator where the comma is the decimal mark) and decimal commas.

/// A CSV dialect.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvDialect {
    /// RFC 4180: `,` separators, decimal points, no byte-order mark.
    #[default]
    Standard,
    /// A spreadsheet in a Latvian (or other decimal-comma) locale: UTF-8 BOM, `;`, decimal
    /// commas.
    #[value(name = "excel-lv")]
    ExcelLv,
}

impl CsvDialect {
    /// The field separator.
    pub fn delimiter(self) -> u8 {
        match self {
            CsvDialect::Standard => b',',
            CsvDialect::ExcelLv => b';',
        }
    }

    /// What the file starts with (the UTF-8 byte-order mark, or nothing).
    pub fn preamble(self) -> &'static str {
        match self {
            CsvDialect::Standard => "",
            CsvDialect::ExcelLv => "\u{feff}",
        }
    }

    /// A number cell (a decimal written with `.`) in this dialect.
    pub fn number(self, s: &str) -> String {
        match self {
            CsvDialect::Standard => s.to_string(),
            CsvDialect::ExcelLv => s.replace('.', ","),
        }
    }

    /// A `csv` writer builder for this dialect.
    pub fn builder(self) -> ::csv::WriterBuilder {
        let mut b = ::csv::WriterBuilder::new();
        b.delimiter(self.delimiter());
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_lv_writes_semicolons_commas_and_a_bom() {
        let d = CsvDialect::ExcelLv;
        let mut w = d.builder().from_writer(d.preamble().as_bytes().to_vec());
        w.write_record(["Cēsu novada pašvaldība", &d.number("58.7"), &d.number("3")])
            .unwrap();
        let bytes = w.into_inner().unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}Cēsu novada pašvaldība;58,7;3\n"
        );
        assert_eq!(CsvDialect::Standard.number("58.7"), "58.7");
    }
}
