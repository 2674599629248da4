//! A Grand Site: one of the four clusters of places the territory invites visitors to
//! (Le Puy-en-Velay, La Chaise-Dieu, Mézenc and Gerbier de Jonc, Gorges de l'Allier).

use serde::{Deserialize, Serialize};

use crate::Text;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub id: String,
    pub name: Text,
    pub summary: Text,
    /// A representative point of the site, in degrees (WGS 84).
    pub lat: f64,
    pub lon: f64,
}
