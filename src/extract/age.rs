//! Ages of people: 62岁的黄仁勋, 现年61岁的王海涛, "the 58-year-old chief
//! executive Sarah Okafor", "Okafor, 58,". Each age figure is tied to the
//! person it is about; 比黄仁勋年轻5岁 becomes an age gap to the other person.
//!
//! People the lexicon does not know are recognised by form: a common
//! Chinese surname and one or two given characters next to the age, or
//! capitalised English words.

use std::sync::LazyLock;

use regex::Regex;

use crate::fact::{EntityRef, Fact};

/// Common Chinese surnames (the hundred most frequent cover most people).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

/// Characters that end a name rather than continue it (王海涛表示, 李强在).
const NAME_STOPS: &str = "表说称在是的和与等也曾将已对向就为于认指透介则仍又还都并被把让从到以及担出任接今现时年先女男董总";

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"比(?P<who>[^\s，,。；;比]{2,12}?)(?P<dir>年轻|年少|小|大|年长)\s*$")
        .expect("valid regex")
});

/// Assigns ages to people and turns 比X年轻N岁 into gaps. `people` are the
/// lexicon's person mentions: (start, end, id, name).
pub fn assign(text: &str, facts: &mut [Fact], people: &[(usize, usize, String, String)]) {
    for i in 0..facts.len() {
        if facts[i].unit != "age" {
            continue;
        }
        let (start, end) = (facts[i].start, facts[i].end);
        let before = &text[line_start(text, start)..start];
        if let Some(c) = RELATIVE.captures(before) {
            let who = c.name("who").map_or("", |m| m.as_str());
            let other = known_in(who, people).or_else(|| name_at_end(who));
            let stated = (0..i).rev().find(|&j| {
                facts[j].unit == "age"
                    && facts[j].metric.as_deref() == Some("age")
                    && facts[j].sentence == facts[i].sentence
            });
            if let (Some(other), Some(j)) = (other, stated) {
                let older = matches!(&c["dir"], "年轻" | "年少" | "小");
                let gap = if older {
                    facts[i].value
                } else {
                    -facts[i].value
                };
                let id = facts[j].id.clone();
                let f = &mut facts[i];
                f.metric = Some("age_gap".to_string());
                f.entity = Some(other);
                f.value = gap;
                f.compared_with = Some(id);
                continue;
            }
        }
        let found = person_for(text, start, end, people)
            .or_else(|| pronoun_person(text, start, &facts[..i], people));
        let f = &mut facts[i];
        f.metric = Some("age".to_string());
        f.entity = found.or(f
            .entity
            .take()
            .filter(|e| e.id.starts_with("person:") || people.iter().any(|p| p.2 == e.id)));
    }
}

/// Where the line holding `at` starts, looking back no more than 1 KB (a
/// file of one long line is not read back to its start for every age).
fn line_start(text: &str, at: usize) -> usize {
    let near = crate::rules::floor_char(text, at.saturating_sub(1024));
    text[near..at].rfind('\n').map_or(near, |i| near + i + 1)
}

/// The person an age is about: named right after it (62岁的黄仁勋, "58-year-old
/// Sarah Okafor") or right before it (雷军只有44岁, "Okafor, 58,").
fn person_for(
    text: &str,
    start: usize,
    end: usize,
    people: &[(usize, usize, String, String)],
) -> Option<EntityRef> {
    let after = &text[end..];
    let rest = after.trim_start_matches(['的', ' ']);
    let skipped = after.len() - rest.len();
    // A known person within a few words after.
    let near_after = people
        .iter()
        .filter(|p| {
            p.0 >= end
                && p.0 - end <= skipped + 40
                && !text[end..p.0].contains(['，', ',', '。', ';', '；'])
        })
        .min_by_key(|p| p.0);
    if let Some(p) = near_after {
        return Some(entity(&p.2, &p.3));
    }
    if after.starts_with('的')
        && let Some(e) = chinese_name(rest, false)
    {
        return Some(e);
    }
    if let Some(e) = english_after(rest) {
        return Some(e);
    }
    let line = line_start(text, start);
    let before = &text[line..start];
    let near_before = people
        .iter()
        .filter(|p| {
            p.1 <= start && p.0 >= line && !text[p.1..start].contains(['。', ';', '；', '.'])
        })
        .max_by_key(|p| p.1);
    if let Some(p) = near_before.filter(|p| start - p.1 <= 24) {
        return Some(entity(&p.2, &p.3));
    }
    chinese_before(before).or_else(|| english_before(before))
}

fn entity(id: &str, name: &str) -> EntityRef {
    EntityRef {
        id: id.to_string(),
        name: name.to_string(),
    }
}

fn known_in(text: &str, people: &[(usize, usize, String, String)]) -> Option<EntityRef> {
    people
        .iter()
        .find(|p| text.contains(p.3.as_str()))
        .map(|p| entity(&p.2, &p.3))
}

/// A Chinese name at the start of `text` (or the whole of it when `whole`):
/// a common surname and one or two more characters.
fn chinese_name(text: &str, whole: bool) -> Option<EntityRef> {
    // A name is at most three characters: the rest of the text is not read.
    let take = if whole { usize::MAX } else { 3 };
    let chars: Vec<char> = text.chars().take(take).collect();
    let han = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
    if chars.first().is_none_or(|c| !SURNAMES.contains(*c)) {
        return None;
    }
    let len = if whole {
        chars.len()
    } else {
        let mut n = 1;
        while n < 3
            && chars
                .get(n)
                .is_some_and(|c| han(c) && !NAME_STOPS.contains(*c))
        {
            n += 1;
        }
        n
    };
    if !(2..=3).contains(&len) || !chars[..len].iter().all(han) {
        return None;
    }
    let name: String = chars[..len].iter().collect();
    Some(entity(&format!("person:{name}"), &name))
}

/// 联合创始人何建平: the name that ends a description.
fn name_at_end(text: &str) -> Option<EntityRef> {
    let chars: Vec<char> = text.chars().collect();
    [3, 2].iter().find_map(|&n| {
        let tail: String = chars.get(chars.len().checked_sub(n)?..)?.iter().collect();
        chinese_name(&tail, true)
    })
}

/// 王海涛今年58岁, 王海涛现年58岁: a name right before, past a few words.
fn chinese_before(before: &str) -> Option<EntityRef> {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?P<name>[\p{Han}]{2,3}?)(?:今年|现年|时年|当年|已经|已|只有|才|年仅|刚满|已年满)?\s*$")
            .expect("valid regex")
    });
    let c = BEFORE.captures(before)?;
    chinese_name(&c["name"], true)
}

/// "62-year-old Jensen Huang", "the 58-year-old chief executive, Sarah Okafor",
/// "The 55-year-old Lindqvist".
fn english_after(rest: &str) -> Option<EntityRef> {
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[a-z][a-z-]*,?\s+){0,4}(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})")
            .expect("valid regex")
    });
    let c = AFTER.captures(rest)?;
    english_person(&c["name"])
}

/// "Sarah Okafor, 58," and "Okafor (58)": capitalised words right before;
/// "Dana Whitlock, Norvale's 49-year-old chief executive": before the
/// company's possessive.
fn english_before(before: &str) -> Option<EntityRef> {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}),?\s*(?:[A-Z][A-Za-z&.-]*(?:\s+[A-Z][A-Za-z&.-]*)?['’]s\s+)?\(?(?:aged\s+)?$")
            .expect("valid regex")
    });
    let c = BEFORE.captures(before)?;
    english_person(&c["name"])
}

/// An English name, known by its last word (Ingrid Lindqvist is Lindqvist
/// later in the article and in the next one); not a word that starts a
/// sentence or describes someone.
fn english_person(name: &str) -> Option<EntityRef> {
    const NOT_NAMES: [&str; 22] = [
        "The", "A", "An", "He", "She", "His", "Her", "They", "When", "As", "At", "In", "Its",
        "Chinese", "American", "British", "Japanese", "German", "French", "Korean", "Indian",
        "Swedish",
    ];
    let words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| NOT_NAMES.contains(w))
        .collect();
    let last = *words.last()?;
    Some(entity(&format!("person:{last}"), &words.join(" ")))
}

/// The person an age with only a pronoun before it is about: the last
/// person named earlier in the article.
pub fn pronoun_person(
    text: &str,
    start: usize,
    facts: &[Fact],
    people: &[(usize, usize, String, String)],
) -> Option<EntityRef> {
    let line = &text[line_start(text, start)..start];
    let pronoun = [" she ", " he ", "She ", "He ", "她", "他"]
        .iter()
        .any(|p| line.contains(p) || line.starts_with(p.trim_start()));
    if !pronoun {
        return None;
    }
    let from_people = people.iter().filter(|p| p.1 <= start).max_by_key(|p| p.1);
    let from_ages = facts
        .iter()
        .filter(|f| f.end <= start && f.metric.as_deref() == Some("age"))
        .filter_map(|f| f.entity.as_ref().map(|e| (f.end, e.clone())))
        .max_by_key(|(at, _)| *at);
    match (from_people, from_ages) {
        (Some(p), Some((at, e))) if at > p.1 => Some(e),
        (Some(p), _) => Some(entity(&p.2, &p.3)),
        (None, Some((_, e))) => Some(e),
        (None, None) => None,
    }
}
