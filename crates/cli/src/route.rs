//! `velay-cli route`: look into a GPX file, or write a bundled route out as one.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use velay_core::route::{BoundingBox, GpxFile};
use velay_core::{Lang, Route, Store};

#[derive(clap::Subcommand)]
pub enum Command {
    /// The figures of a GPX file: length, climb, walking time, points, bounding box.
    Info {
        file: PathBuf,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Write a route as a GPX 1.1 file.
    Export {
        route_id: String,
        file: PathBuf,
        /// Language of names and texts: fr or en.
        #[arg(long, default_value = "fr")]
        lang: String,
    },
}

/// The content folder the routes come from when the store holds none yet.
pub const BUNDLED_CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../routes-data");

pub fn run(data: &Path, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Info { file, json } => info(&file, json),
        Command::Export { route_id, file, lang } => {
            let route = find_route(data, &route_id)?;
            let gpx = GpxFile::from_route(&route, Lang::from_locale(&lang));
            let name = file.display().to_string();
            let bytes = gpx.to_bytes(&name)?;
            std::fs::write(&file, bytes).with_context(|| format!("writing {name}"))?;
            Ok(())
        }
    }
}

fn info(file: &Path, json: bool) -> anyhow::Result<()> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file).with_context(|| format!("reading {name}"))?;
    let gpx = GpxFile::read(&name, &bytes)?;
    let stretches = gpx.walkable(&name)?;
    let line = gpx.line();
    // Summed per stretch: the jumps between the days of a trek are not walked.
    let figures = stretches.figures();
    let gaps = stretches.gaps().map(|g| g.to_string());
    let bbox = BoundingBox::of(&line).map(|b| b.to_array());
    let title = gpx.display_name().map(str::to_owned).unwrap_or_else(|| {
        file.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    if json {
        let out = serde_json::json!({
            "name": title,
            "length_m": figures.length_m,
            "ascent_m": figures.ascent_m,
            "descent_m": figures.descent_m,
            "duration_min": figures.duration_min,
            "points": line.len(),
            "bbox": bbox,
            "gaps": gaps,
        });
        println!("{out}");
    } else {
        println!("{title}");
        println!(
            "{:.1} km, +{:.0} m / -{:.0} m, {} min, {} points",
            figures.length_m / 1000.0,
            figures.ascent_m,
            figures.descent_m,
            figures.duration_min,
            line.len()
        );
        if let Some(gaps) = gaps {
            println!("{gaps}");
        }
    }
    Ok(())
}

/// A route from the store in `data`, or from the bundled routes-data when the store has no
/// routes yet (a store that was never synced).
pub fn find_route(data: &Path, id: &str) -> anyhow::Result<Route> {
    let store = Store::open(data).with_context(|| format!("opening the store in {}", data.display()))?;
    let mut routes = store.routes()?;
    if routes.is_empty() {
        let contents =
            velay_core::content::read_dir(Path::new(BUNDLED_CONTENT)).context("reading the bundled routes")?;
        routes = velay_core::content::routes(&contents);
    }
    routes
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| anyhow!("no route {id:?}"))
}
