//! A greeter's availability rules on their slots page: each rule as a form to change or delete
//! it, and a form to add one; how a form reads, and why it was refused. The handlers that store
//! them are in `rule_forms.rs`. A rule says on which days of the week, at what time, for how
//! long, for how many and where the greeter meets, in which season, and which days they are
//! away; the server and the app turn it into the slots of the coming weeks.
//!
//! A form that cannot be stored comes back with what was typed and the reason inside it, in
//! French and English, from typed causes ([`FormProblem`]), never a free-text error.

use chrono::{NaiveTime, Weekday};
use maud::{html, Markup};
use serde::Deserialize;
use velay_core::greeter::{
    Availability, DaysOff, MeetingPoint, RuleError, Season, Weekdays, MAX_MINUTES, MAX_PARTY, MIN_MINUTES,
};

use super::session::GreeterSession;
use crate::store::RuleRefusal;

/// A rule's form, as typed: every field text, so that a refused form comes back as it was.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct RuleForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    mon: Option<String>,
    #[serde(default)]
    tue: Option<String>,
    #[serde(default)]
    wed: Option<String>,
    #[serde(default)]
    thu: Option<String>,
    #[serde(default)]
    fri: Option<String>,
    #[serde(default)]
    sat: Option<String>,
    #[serde(default)]
    sun: Option<String>,
    #[serde(default)]
    start: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    meeting_point: String,
    #[serde(default)]
    season_from: String,
    #[serde(default)]
    season_to: String,
    /// Days off, one date or period a line (or separated by commas).
    #[serde(default)]
    off: String,
    #[serde(default)]
    holidays_off: Option<String>,
}

impl RuleForm {
    fn day(&self, day: Weekday) -> bool {
        let ticked = match day {
            Weekday::Mon => &self.mon,
            Weekday::Tue => &self.tue,
            Weekday::Wed => &self.wed,
            Weekday::Thu => &self.thu,
            Weekday::Fri => &self.fri,
            Weekday::Sat => &self.sat,
            Weekday::Sun => &self.sun,
        };
        ticked.is_some()
    }

    /// A stored rule, as its form shows it.
    pub fn of(rule: &Availability) -> RuleForm {
        let tick = |d: Weekday| rule.weekdays.contains(d).then(|| "on".to_string());
        RuleForm {
            csrf: String::new(),
            mon: tick(Weekday::Mon),
            tue: tick(Weekday::Tue),
            wed: tick(Weekday::Wed),
            thu: tick(Weekday::Thu),
            fri: tick(Weekday::Fri),
            sat: tick(Weekday::Sat),
            sun: tick(Weekday::Sun),
            start: rule.start.format("%H:%M").to_string(),
            minutes: rule.minutes.to_string(),
            capacity: rule.capacity.to_string(),
            meeting_point: rule.meeting_point.clone(),
            season_from: rule.season.map(|s| s.from.to_string()).unwrap_or_default(),
            season_to: rule.season.map(|s| s.to.to_string()).unwrap_or_default(),
            off: rule.off.iter().map(|o| o.to_string()).collect::<Vec<_>>().join("\n"),
            holidays_off: rule.public_holidays_off.then(|| "on".to_string()),
        }
    }

    /// An empty form with the usual values.
    fn blank() -> RuleForm {
        RuleForm {
            start: "14:00".into(),
            minutes: "150".into(),
            capacity: "4".into(),
            holidays_off: Some("on".into()),
            ..RuleForm::default()
        }
    }

    /// Reads the form into a rule `id` of `greeter`, or says what is wrong.
    pub(super) fn read(&self, greeter: &str, id: &str) -> Result<Availability, FormProblem> {
        let weekdays: Weekdays = Weekdays::ALL.into_iter().filter(|d| self.day(*d)).collect();
        let start = NaiveTime::parse_from_str(self.start.trim(), "%H:%M")
            .map_err(|_| FormProblem::Start(self.start.clone()))?;
        let minutes = self
            .minutes
            .trim()
            .parse()
            .map_err(|_| FormProblem::Minutes(self.minutes.clone()))?;
        let capacity = self
            .capacity
            .trim()
            .parse()
            .map_err(|_| FormProblem::Capacity(self.capacity.clone()))?;
        let season = match (self.season_from.trim(), self.season_to.trim()) {
            ("", "") => None,
            ("", _) | (_, "") => return Err(FormProblem::SeasonHalf),
            (from, to) => Some(Season {
                from: from.parse()?,
                to: to.parse()?,
            }),
        };
        let off = self
            .off
            .split(['\n', ','])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::parse::<DaysOff>)
            .collect::<Result<Vec<_>, _>>()?;
        let rule = Availability {
            id: id.into(),
            greeter: greeter.into(),
            weekdays,
            start,
            minutes,
            capacity,
            meeting_point: self.meeting_point.trim().into(),
            season,
            off,
            public_holidays_off: self.holidays_off.is_some(),
        };
        rule.check(None)?;
        Ok(rule)
    }
}

/// Why a rule's form was not stored.
#[derive(Debug)]
pub enum FormProblem {
    Start(String),
    Minutes(String),
    Capacity(String),
    /// A season needs both its first and its last day.
    SeasonHalf,
    Rule(RuleError),
    Refused(RuleRefusal),
}

impl From<RuleError> for FormProblem {
    fn from(e: RuleError) -> FormProblem {
        FormProblem::Rule(e)
    }
}

impl FormProblem {
    /// The reason in French, then English, as the greeter pages speak.
    pub fn text(&self) -> String {
        match self {
            FormProblem::Start(t) => format!("Heure illisible « {t} » (HH:MM) / Unreadable time {t:?} (HH:MM)"),
            FormProblem::Minutes(m) => {
                format!("Durée en minutes illisible « {m} » / Unreadable length in minutes {m:?}")
            }
            FormProblem::Capacity(c) => {
                format!("Nombre de places illisible « {c} » / Unreadable number of seats {c:?}")
            }
            FormProblem::SeasonHalf => "Une saison a un premier et un dernier jour (ou aucun, toute l'année) / \
                 A season has a first and a last day (or neither, all year)"
                .into(),
            FormProblem::Rule(e) => rule_error_text(e),
            FormProblem::Refused(r) => refusal_text(r),
        }
    }
}

fn rule_error_text(e: &RuleError) -> String {
    match e {
        RuleError::Id(id) => format!("Nom de règle invalide « {id} » / Invalid rule name {id:?}"),
        RuleError::NoWeekday => "Cochez au moins un jour de la semaine / Tick at least one day of the week".into(),
        RuleError::Weekday(d) => format!("Jour inconnu « {d} » / Unknown day {d:?}"),
        RuleError::Start(t) => {
            let t = t.format("%H:%M");
            format!("Un rendez-vous commence entre 06:00 et 21:00, pas à {t} / A meeting starts between 06:00 and 21:00, not at {t}")
        }
        RuleError::Minutes(m) => format!(
            "Un rendez-vous dure de {MIN_MINUTES} à {MAX_MINUTES} minutes, pas {m} / A meeting lasts {MIN_MINUTES} to {MAX_MINUTES} minutes, not {m}"
        ),
        RuleError::Capacity(c) => format!("De 1 à {MAX_PARTY} personnes, pas {c} / 1 to {MAX_PARTY} people, not {c}"),
        RuleError::MeetingPoint { point, .. } => {
            format!("« {point} » n'est pas l'un de vos lieux de rendez-vous / {point:?} is not one of your meeting points")
        }
        RuleError::Greeter { .. } => "Cette règle n'est pas la vôtre / This rule is not yours".into(),
        RuleError::MonthDay(s) => format!(
            "Saison illisible « {s} » (MM-JJ, par ex. 07-01) / Unreadable season {s:?} (MM-DD, such as 07-01)"
        ),
        RuleError::DaysOff(s) => format!(
            "Absence illisible « {s} » (AAAA-MM-JJ, ou AAAA-MM-JJ/AAAA-MM-JJ pour une période) / \
             Unreadable day off {s:?} (YYYY-MM-DD, or YYYY-MM-DD/YYYY-MM-DD for a period)"
        ),
        RuleError::TooManyDaysOff => "60 absences au plus / At most 60 days off".into(),
        other => other.to_string(),
    }
}

/// A refusal from the store, in French and English.
pub fn refusal_text(r: &RuleRefusal) -> String {
    match r {
        RuleRefusal::Invalid(e) => rule_error_text(e),
        RuleRefusal::NoGreeter(g) => format!("Aucun profil publié pour {g} / No published profile for {g}"),
        RuleRefusal::NoSuchRule(id) => format!("Vous n'avez pas de règle « {id} » / You have no rule {id:?}"),
        RuleRefusal::Taken(id) => format!("Vous avez déjà une règle « {id} » / You already have a rule {id:?}"),
        RuleRefusal::NoSuchSlot(_) => {
            "Aucune de vos règles ne propose ce créneau / None of your rules offers this slot".into()
        }
        RuleRefusal::SeatsHeld(date) => format!(
            "Des voyageurs ont des places le {date} : déclinez d'abord leurs demandes / \
             Travellers hold seats on {date}: decline their requests first"
        ),
        RuleRefusal::BelowSeatsHeld { date, seats } => format!(
            "{seats} places sont déjà prises le {date} : pas moins de places que cela / \
             {seats} seats are already held on {date}: no fewer seats than that"
        ),
    }
}

/// Which form of the page was sent.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    New,
    Rule(String),
}

/// A form sent back with what was typed and why it was not stored.
pub struct Editing {
    pub target: Target,
    pub form: RuleForm,
    pub problem: String,
}

const DAYS: [(Weekday, &str, &str); 7] = [
    (Weekday::Mon, "mon", "lun. / Mon"),
    (Weekday::Tue, "tue", "mar. / Tue"),
    (Weekday::Wed, "wed", "mer. / Wed"),
    (Weekday::Thu, "thu", "jeu. / Thu"),
    (Weekday::Fri, "fri", "ven. / Fri"),
    (Weekday::Sat, "sat", "sam. / Sat"),
    (Weekday::Sun, "sun", "dim. / Sun"),
];

/// A rule in one line, both languages: `sam. / Sat · 10:00 · 150 min · 6 places / seats · Place du
/// Plot · 09-01 → 06-30`.
fn summary(rule: &Availability, points: &[MeetingPoint]) -> String {
    let days: Vec<&str> = DAYS
        .iter()
        .filter(|(d, _, _)| rule.weekdays.contains(*d))
        .map(|(_, _, label)| *label)
        .collect();
    let mut line = format!(
        "{} · {} · {} min · {} places / seats · {}",
        days.join(", "),
        rule.start.format("%H:%M"),
        rule.minutes,
        rule.capacity,
        place_name(points, &rule.meeting_point),
    );
    if let Some(s) = rule.season {
        line.push_str(&format!(" · {} → {}", s.from, s.to));
    }
    if rule.public_holidays_off {
        line.push_str(" · pas les jours fériés / not on public holidays");
    }
    line
}

/// The fields of a rule's form, filled with `f`.
fn fields(f: &RuleForm, points: &[MeetingPoint]) -> Markup {
    html! {
        fieldset.days {
            legend { "Jours / Days" }
            @for (day, name, label) in DAYS {
                label.day { input type="checkbox" name=(name) checked[f.day(day)]; " " (label) }
            }
        }
        label { "Début / Start " input type="time" name="start" value=(f.start) required; }
        label { "Durée (min) / Length (min) "
            input type="number" name="minutes" min=(MIN_MINUTES) max=(MAX_MINUTES) value=(f.minutes) required; }
        label { "Places / Seats " input type="number" name="capacity" min="1" max=(MAX_PARTY) value=(f.capacity) required; }
        label { "Lieu / Meeting point "
            select name="meeting_point" {
                @for p in points {
                    option value=(p.id) selected[p.id == f.meeting_point] { (p.name.fr) " / " (p.name.en) }
                }
            }
        }
        fieldset {
            legend { "Saison (MM-JJ, vide : toute l'année) / Season (MM-DD, empty: all year)" }
            label.inline { "du / from " input name="season_from" size="5" placeholder="04-01" value=(f.season_from); }
            label.inline { " au / to " input name="season_to" size="5" placeholder="10-31" value=(f.season_to); }
        }
        label { "Absences, une par ligne (AAAA-MM-JJ, ou AAAA-MM-JJ/AAAA-MM-JJ) / "
            "Days off, one a line (YYYY-MM-DD, or YYYY-MM-DD/YYYY-MM-DD)"
            br; textarea name="off" rows="2" cols="30" { (f.off) } }
        label { input type="checkbox" name="holidays_off" checked[f.holidays_off.is_some()];
            " Pas les jours fériés / Not on public holidays" }
    }
}

/// The rules section of the slots page: each rule's form, then the form to add one.
pub fn section(
    rules: &[Availability],
    points: &[MeetingPoint],
    me: &GreeterSession,
    editing: Option<&Editing>,
) -> Markup {
    let sent = |target: &Target| editing.filter(|e| e.target == *target);
    // A form about a rule the greeter does not have (any more): its reason goes on top.
    let astray = editing.filter(|e| match &e.target {
        Target::Rule(id) => !rules.iter().any(|r| r.id == *id),
        Target::New => false,
    });
    html! {
        h2 { "Mes disponibilités / My availability" }
        @if let Some(e) = astray { p.error role="alert" data-testid="rule-error" { (e.problem) } }
        p { "Chaque règle propose un rendez-vous les jours cochés, pour les huit semaines à venir. "
            "/ Each rule offers a meeting on the days ticked, for the coming eight weeks." }
        @if rules.is_empty() {
            p data-testid="no-rules" { "Aucune règle pour l'instant. / No rules yet." }
        }
        // Each rule in one line, its form folded until the greeter opens it (or it comes back
        // with a problem). The fragment brings the browser back to the form that was sent.
        @for rule in rules {
            @let target = Target::Rule(rule.id.clone());
            @let form = sent(&target).map(|e| e.form.clone()).unwrap_or_else(|| RuleForm::of(rule));
            details.rule id={"rule-" (rule.id)} data-testid={"rule-" (rule.id)} open[sent(&target).is_some()] {
                summary { (summary(rule, points)) }
                form method="post" action={"/greeter/rules/" (rule.id) "#rule-" (rule.id)} {
                    @if let Some(e) = sent(&target) { p.error role="alert" data-testid="rule-error" { (e.problem) } }
                    input type="hidden" name="csrf" value=(me.csrf);
                    (fields(&form, points))
                    button type="submit" data-testid={"save-" (rule.id)} { "Enregistrer / Save" }
                }
                form method="post" action={"/greeter/rules/" (rule.id) "/delete"} {
                    input type="hidden" name="csrf" value=(me.csrf);
                    button.decline type="submit" data-testid={"delete-" (rule.id)} { "Supprimer la règle / Delete the rule" }
                }
            }
        }
        h3 { "Ajouter une règle / Add a rule" }
        @let new = sent(&Target::New);
        form #new-rule method="post" action="/greeter/rules#new-rule" data-testid="new-rule" {
            @if let Some(e) = new { p.error role="alert" data-testid="rule-error" { (e.problem) } }
            input type="hidden" name="csrf" value=(me.csrf);
            (fields(&new.map(|e| e.form.clone()).unwrap_or_else(RuleForm::blank), points))
            button type="submit" data-testid="add-rule" { "Ajouter / Add" }
        }
    }
}

/// A meeting point by its name, in both languages; its id if the profile no longer has it.
pub(super) fn place_name(points: &[MeetingPoint], id: &str) -> String {
    match points.iter().find(|p| p.id == id) {
        Some(p) if p.name.fr == p.name.en => p.name.fr.clone(),
        Some(p) => format!("{} / {}", p.name.fr, p.name.en),
        None => id.into(),
    }
}
