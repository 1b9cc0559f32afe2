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
        let mut also: Vec<String> = Vec::new();
        for p in places.iter().skip(1) {
            let place = format!("{}:{}", p.path, p.line);
            if !also.contains(&place) && Some(&place) != first_line(&places).as_ref() {
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

fn first_line(places: &[super::Place]) -> Option<String> {
    places.first().map(|p| format!("{}:{}", p.path, p.line))
}
