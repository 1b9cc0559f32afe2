//! One line a finding, as compilers print them for editors and grep:
//! `path:line:col: severity[rule]: message (also path:line, ...)`.

use std::io::{self, Write};

use super::places;
use crate::run::Outcome;

pub fn concise(out: &Outcome, w: &mut dyn Write) -> io::Result<()> {
    let by_id = crate::fact::by_id(&out.facts);
    for finding in &out.findings {
        let places = places(finding, &by_id);
        let at = places.first().map_or(String::new(), |p| {
            format!("{}:{}:{}: ", p.path, p.line, p.column)
        });
        // Other lines than the first's, each once.
        let mut seen: Vec<String> = places.iter().take(1).map(line_of).collect();
        let mut also: Vec<String> = Vec::new();
        for place in places.iter().skip(1).map(line_of) {
            if !seen.contains(&place) {
                seen.push(place.clone());
                also.push(place);
            }
        }
        let also = match also.is_empty() {
            true => String::new(),
            false => format!(" (also {})", also.join(", ")),
        };
        let message = finding.message.replace('\n', " ");
        writeln!(
            w,
            "{at}{}[{}]: {message}{also}",
            finding.severity.as_str(),
            finding.rule
        )?;
    }
    Ok(())
}

fn line_of(p: &super::Place) -> String {
    format!("{}:{}", p.path, p.line)
}
