//! What the routes list is narrowed to: words, a site, a length, a walking time, a difficulty.
//! Kept by the app's state while it runs, so that coming back from a route finds the list as it
//! was left.

use velay_core::route::Difficulty;
use velay_core::{Lang, Route};

/// What the walker narrowed the list to; `None` lets everything through.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// Words the route's name or summary holds, in the language shown.
    pub query: String,
    pub site: Option<String>,
    pub max_km: Option<u32>,
    pub max_minutes: Option<u32>,
    pub difficulty: Option<Difficulty>,
}

impl Filters {
    pub fn matches(&self, route: &Route, lang: Lang) -> bool {
        let words = fold(&format!("{} {}", route.name.get(lang), route.summary.get(lang)));
        fold(&self.query).split_whitespace().all(|w| words.contains(w))
            && self.site.as_ref().is_none_or(|s| *s == route.site)
            && self
                .max_km
                .is_none_or(|k| route.figures.length_m <= f64::from(k) * 1000.0)
            && self.max_minutes.is_none_or(|m| route.figures.duration_min <= m)
            && self.difficulty.is_none_or(|d| d == route.difficulty)
    }

    pub fn is_active(&self) -> bool {
        *self != Filters::default()
    }
}

/// Lower case without French accents, so that "mezenc" finds "Mézenc" on any keyboard.
fn fold(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ÿ' => 'y',
            c => c,
        })
        .collect::<String>()
        .replace('œ', "oe")
        .replace('æ', "ae")
}
