//! A uniform grid over a track's segments, in the track's local plane: the fast path for
//! snapping a fix that lies near the track, which is nearly every fix of a walk. The R-tree
//! stays for the rest (a fix far off, or the search for another leg of the track).

use crate::route::project_on_segment;

/// Cell side, metres: a few GPS errors, and about what a walker covers between two fixes, so
/// the fix's own cell usually settles the search.
const CELL_M: f64 = 25.0;
/// Tracks spanning more than this many cells get larger cells, to bound memory (4 MB of cell
/// starts at most).
const MAX_CELLS: f64 = 1_000_000.0;

/// Where a point falls on a segment: `t` of the way along it, at squared distance `d2`, as
/// [`project_on_segment`] gives them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Projection {
    pub(crate) segment: usize,
    pub(crate) t: f64,
    pub(crate) d2: f64,
}

pub(crate) struct Grid {
    x0: f64,
    y0: f64,
    cell: f64,
    /// `1 / cell`: a multiplication is quicker than a division, first thing in every search.
    per_cell: f64,
    cols: usize,
    rows: usize,
    /// Cell `c`'s segments are `items[starts[c]..starts[c + 1]]` (compressed rows).
    starts: Vec<u32>,
    items: Vec<Item>,
}

/// A segment filed in a cell, with its bounding box: a search reads a cell's boxes one after
/// the other and goes to the track's points only for the segment or two that may be nearer.
#[derive(Clone, Copy, Debug)]
struct Item {
    segment: u32,
    /// The box's corners, from the grid's origin, in single precision and a little wider, so
    /// never nearer than the segment.
    lo: [f32; 2],
    hi: [f32; 2],
}

impl Item {
    fn new(segment: usize, a: [f64; 2], b: [f64; 2], origin: [f64; 2]) -> Item {
        // Rounding to single precision moves a value by at most 2^-24 of itself: widened by
        // 2^-22 of itself first, and a millimetre, a corner stays outside the true box.
        let wider = |v: f64| 1e-3 + v.abs() * 2f64.powi(-22);
        let lo = [0, 1].map(|i| a[i].min(b[i]) - origin[i]);
        let hi = [0, 1].map(|i| a[i].max(b[i]) - origin[i]);
        Item {
            segment: segment as u32,
            lo: lo.map(|v| (v - wider(v)) as f32),
            hi: hi.map(|v| (v + wider(v)) as f32),
        }
    }

    /// The squared distance from `q` (from the grid's origin) to the box: no more than the
    /// squared distance from the point to the segment, rounding included.
    fn box_d2(&self, q: [f64; 2]) -> f64 {
        // A plain comparison, one instruction: f64::max takes several, for NaN.
        let max = |u: f64, v: f64| if u > v { u } else { v };
        let dx = max(max(self.lo[0] as f64 - q[0], q[0] - self.hi[0] as f64), 0.0);
        let dy = max(max(self.lo[1] as f64 - q[1], q[1] - self.hi[1] as f64), 0.0);
        dx * dx + dy * dy
    }
}

impl Grid {
    /// Files each segment of the polyline `xy` under every cell its bounding box overlaps.
    pub(crate) fn new(xy: &[[f64; 2]]) -> Grid {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in xy {
            (x0, y0, x1, y1) = (x0.min(p[0]), y0.min(p[1]), x1.max(p[0]), y1.max(p[1]));
        }
        if xy.is_empty() {
            (x0, y0, x1, y1) = (0.0, 0.0, 0.0, 0.0);
        }
        let area = (x1 - x0 + CELL_M) * (y1 - y0 + CELL_M);
        let cell = CELL_M.max((area / MAX_CELLS).sqrt());
        let cols = ((x1 - x0) / cell) as usize + 1;
        let rows = ((y1 - y0) / cell) as usize + 1;
        let mut grid = Grid {
            x0,
            y0,
            cell,
            per_cell: 1.0 / cell,
            cols,
            rows,
            starts: vec![0; cols * rows + 1],
            items: Vec::new(),
        };
        let cells_of = |g: &Grid, a: [f64; 2], b: [f64; 2]| {
            let (c0, r0) = g.cell_of([a[0].min(b[0]), a[1].min(b[1])]);
            let (c1, r1) = g.cell_of([a[0].max(b[0]), a[1].max(b[1])]);
            (
                c0.max(0) as usize,
                r0.max(0) as usize,
                (c1 as usize).min(g.cols - 1),
                (r1 as usize).min(g.rows - 1),
            )
        };
        // Two passes: count, then fill, so every cell's list is contiguous.
        for w in xy.windows(2) {
            let (c0, r0, c1, r1) = cells_of(&grid, w[0], w[1]);
            for r in r0..=r1 {
                for c in c0..=c1 {
                    grid.starts[r * cols + c + 1] += 1;
                }
            }
        }
        for i in 1..grid.starts.len() {
            grid.starts[i] += grid.starts[i - 1];
        }
        let mut fill = grid.starts.clone();
        let empty = Item {
            segment: 0,
            lo: [0.0; 2],
            hi: [0.0; 2],
        };
        grid.items = vec![empty; *grid.starts.last().unwrap_or(&0) as usize];
        for (s, w) in xy.windows(2).enumerate() {
            let (c0, r0, c1, r1) = cells_of(&grid, w[0], w[1]);
            let item = Item::new(s, w[0], w[1], [x0, y0]);
            for r in r0..=r1 {
                for c in c0..=c1 {
                    let at = &mut fill[r * cols + c];
                    grid.items[*at as usize] = item;
                    *at += 1;
                }
            }
        }
        grid
    }

    fn cell_of(&self, p: [f64; 2]) -> (i64, i64) {
        (
            floor((p[0] - self.x0) * self.per_cell),
            floor((p[1] - self.y0) * self.per_cell),
        )
    }

    /// The segment nearest to `p` (see [`nearer`]) and `p`'s projection on it, if one lies
    /// within `rings` rings of cells around `p`'s cell; `None` sends the caller to the R-tree.
    ///
    /// Rings grow until one holds a segment. If the best distance found is then more than the
    /// distance from `p` to the edge of the cells searched (a fix in its cell's corner, nearly
    /// always), only the cells meeting the square of that half-side around `p` can hold a
    /// nearer segment: they are looked at, not the whole next ring (9 cells for the fix's own
    /// cell). A `seed`, a projection already made, starts the search at that square.
    pub(crate) fn nearest(
        &self,
        xy: &[[f64; 2]],
        p: [f64; 2],
        rings: i64,
        seed: Option<Projection>,
    ) -> Option<Projection> {
        let (pc, pr) = self.cell_of(p);
        let q = [p[0] - self.x0, p[1] - self.y0];
        let mut best = seed;
        let look = |cell: usize, best: &mut Option<Projection>| {
            let mut bar = best.map_or(f64::INFINITY, |best| best.d2 * (1.0 + ROUNDING));
            for item in self.cell(cell) {
                if item.box_d2(q) > bar {
                    continue;
                }
                let s = item.segment as usize;
                let (t, d2) = project_on_segment(xy[s], xy[s + 1], p);
                if best.is_none_or(|best| nearer(d2, s, best.d2, best.segment)) {
                    *best = Some(Projection { segment: s, t, d2 });
                    bar = d2 * (1.0 + ROUNDING);
                }
            }
        };
        // Looks at the cells meeting the square of half-side `d2.sqrt()` around `p`, but those
        // of the first `seen` rings; false, doing nothing, if the square reaches past `rings`.
        let square = |d2: f64, seen: i64, best: &mut Option<Projection>| {
            let (c0, r0, c1, r1) = self.square(p, d2.sqrt());
            if c0 < pc - rings || c1 > pc + rings || r0 < pr - rings || r1 > pr + rings {
                return false;
            }
            for r in r0..=r1 {
                for c in c0..=c1 {
                    let seen = (c - pc).abs().max((r - pr).abs()) < seen;
                    if let (false, Some(cell)) = (seen, self.index(c, r)) {
                        look(cell, best);
                    }
                }
            }
            true
        };
        // A seed near `p` settles the search in a cell or two: the fix's own cell first, whose
        // place in memory does not wait for the seed, then the others meeting the square.
        if seed.is_some() {
            if let Some(cell) = self.index(pc, pr) {
                look(cell, &mut best);
            }
            if let Some(Projection { d2, .. }) = best {
                if square(d2, 1, &mut best) {
                    return best;
                }
            }
        }
        for ring in 0..=rings {
            for r in pr - ring..=pr + ring {
                let on_edge_row = r == pr - ring || r == pr + ring;
                let step = if on_edge_row { 1 } else { (2 * ring).max(1) as usize };
                for c in (pc - ring..=pc + ring).step_by(step) {
                    if let Some(cell) = self.index(c, r) {
                        look(cell, &mut best);
                    }
                }
            }
            let Some(Projection { d2, .. }) = best else { continue };
            if d2 <= self.reach(p, pc, pr, ring).powi(2) || square(d2, ring + 1, &mut best) {
                return best;
            }
        }
        None
    }

    /// Calls `visit` with every segment filed in a cell that meets the square of half-side
    /// `radius` around `p` (some segments more than once), so every segment within `radius`
    /// of `p` is visited. `None` when that square spans more than `max_cells` cells a side:
    /// the R-tree is then the better tool.
    pub(crate) fn within(&self, p: [f64; 2], radius: f64, max_cells: i64, mut visit: impl FnMut(usize)) -> Option<()> {
        let (c0, r0, c1, r1) = self.square(p, radius);
        if c1 - c0 > max_cells || r1 - r0 > max_cells {
            return None;
        }
        for r in r0..=r1 {
            for c in c0..=c1 {
                let Some(cell) = self.index(c, r) else { continue };
                for item in self.cell(cell) {
                    visit(item.segment as usize);
                }
            }
        }
        Some(())
    }

    /// The columns and rows (first and last, maybe off the grid) of the cells meeting the square
    /// of half-side `radius` around `p`: a segment within `radius` of `p` has its bounding box,
    /// so it is filed, in one of them. A hair wider, so that rounding cannot leave out a
    /// segment at exactly that distance.
    fn square(&self, p: [f64; 2], radius: f64) -> (i64, i64, i64, i64) {
        let radius = radius * (1.0 + 1e-12) + 1e-9;
        let (c0, r0) = self.cell_of([p[0] - radius, p[1] - radius]);
        let (c1, r1) = self.cell_of([p[0] + radius, p[1] + radius]);
        (c0, r0, c1, r1)
    }

    /// The cell at column `c`, row `r`, if on the grid.
    fn index(&self, c: i64, r: i64) -> Option<usize> {
        let on_grid = (0..self.cols as i64).contains(&c) && (0..self.rows as i64).contains(&r);
        on_grid.then(|| r as usize * self.cols + c as usize)
    }

    /// The segments filed in a cell.
    fn cell(&self, cell: usize) -> &[Item] {
        &self.items[self.starts[cell] as usize..self.starts[cell + 1] as usize]
    }

    /// How far from `p` the cells within `ring` of its cell reach, on their nearest side; a side
    /// at the grid's edge reaches everything.
    fn reach(&self, p: [f64; 2], pc: i64, pr: i64, ring: i64) -> f64 {
        let side = |lo_cell: i64, hi_cell: i64, v: f64, origin: f64, n: usize| {
            let lo = if lo_cell <= 0 {
                f64::INFINITY
            } else {
                v - (origin + lo_cell as f64 * self.cell)
            };
            let hi = if hi_cell >= n as i64 - 1 {
                f64::INFINITY
            } else {
                origin + (hi_cell + 1) as f64 * self.cell - v
            };
            lo.min(hi)
        };
        side(pc - ring, pc + ring, p[0], self.x0, self.cols).min(side(pr - ring, pr + ring, p[1], self.y0, self.rows))
    }
}

/// Whether a segment `s` at squared distance `d2` from a point is nearer to it than segment
/// `than` at `than_d2`, as the snapping rule has it: by distance in metres, the square root
/// that [`crate::route::Along::on_segment`] takes, then the lower index. Two squares one
/// rounding apart can have the same root, so roots are taken when the squares are that close.
pub(crate) fn nearer(d2: f64, s: usize, than_d2: f64, than: usize) -> bool {
    if d2 < than_d2 * (1.0 - ROUNDING) {
        return true;
    }
    if !may_be_nearer(d2, than_d2) {
        return false;
    }
    let (root, than_root) = (d2.sqrt(), than_d2.sqrt());
    root < than_root || (root == than_root && s < than)
}

/// Squares further apart than this, relatively, have different roots.
const ROUNDING: f64 = 1e-14;

/// Whether a segment at squared distance `d2`, or at least `d2`, can be nearer than one at
/// `than_d2` (see [`nearer`]).
pub(crate) fn may_be_nearer(d2: f64, than_d2: f64) -> bool {
    d2 <= than_d2 * (1.0 + ROUNDING)
}

/// The squared distance from `p` to the bounding box of the segment `a`–`b`, widened by a
/// micrometre: no more than the squared distance [`project_on_segment`] gives, rounding
/// included, and without its division. Rules out most segments of a cell before projecting.
pub(crate) fn box_d2(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> f64 {
    const WIDER_M: f64 = 1e-6;
    // Plain comparisons, one instruction each: f64::min and max take several, for NaN.
    let (min, max) = (
        |u: f64, v: f64| if u < v { u } else { v },
        |u: f64, v: f64| if u > v { u } else { v },
    );
    let dx = max(max(min(a[0], b[0]) - p[0], p[0] - max(a[0], b[0])) - WIDER_M, 0.0);
    let dy = max(max(min(a[1], b[1]) - p[1], p[1] - max(a[1], b[1])) - WIDER_M, 0.0);
    dx * dx + dy * dy
}

/// `v.floor() as i64` without a call to the C library's `floor`, which every search makes a
/// few times: truncate, then step down for a negative fraction.
fn floor(v: f64) -> i64 {
    let t = v as i64;
    if (t as f64) > v {
        t.saturating_sub(1)
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn nearest_by_scan(xy: &[[f64; 2]], p: [f64; 2]) -> (usize, f64) {
        (0..xy.len() - 1)
            .map(|s| (s, project_on_segment(xy[s], xy[s + 1], p).1))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .expect("two points at least")
    }

    proptest! {
        /// Whatever the track and the fix, the grid finds a segment as near as the nearest one
        /// (or hands over to the R-tree).
        #[test]
        fn the_grid_agrees_with_a_full_scan(
            points in proptest::collection::vec((-2000.0..2000.0f64, -2000.0..2000.0f64), 2..60),
            p in (-2500.0..2500.0f64, -2500.0..2500.0f64),
        ) {
            let xy: Vec<[f64; 2]> = points.iter().map(|&(x, y)| [x, y]).collect();
            let grid = Grid::new(&xy);
            let (_, best) = nearest_by_scan(&xy, [p.0, p.1]);
            if let Some(Projection { segment: s, .. }) = grid.nearest(&xy, [p.0, p.1], 4, None) {
                let d2 = project_on_segment(xy[s], xy[s + 1], [p.0, p.1]).1;
                prop_assert!((d2 - best).abs() <= 1e-9 * best.max(1.0), "grid {d2} vs scan {best}");
            }
        }
    }

    proptest! {
        /// The grid's nearest segment is the rule's (by distance in metres, then the lower
        /// index), and starting from a seed, any segment's projection, changes nothing.
        #[test]
        fn a_seed_changes_nothing(
            points in proptest::collection::vec((-300.0..300.0f64, -300.0..300.0f64), 2..40),
            p in (-400.0..400.0f64, -400.0..400.0f64),
            seed in 0usize..40,
        ) {
            let xy: Vec<[f64; 2]> = points.iter().map(|&(x, y)| [x, y]).collect();
            let grid = Grid::new(&xy);
            let p = [p.0, p.1];
            let rule = (1..xy.len() - 1).fold(0, |best, s| {
                let d2 = |s: usize| project_on_segment(xy[s], xy[s + 1], p).1;
                if nearer(d2(s), s, d2(best), best) { s } else { best }
            });
            let seed = seed % (xy.len() - 1);
            let (t, d2) = project_on_segment(xy[seed], xy[seed + 1], p);
            let seeded = grid.nearest(&xy, p, 4, Some(Projection { segment: seed, t, d2 }));
            for found in [grid.nearest(&xy, p, 4, None), seeded].into_iter().flatten() {
                prop_assert_eq!(found.segment, rule);
            }
        }
    }

    proptest! {
        /// Far from the grid's origin, where single precision is a quarter of a metre coarse,
        /// the boxes still never rule out the nearest segment: a path of a few metres' steps
        /// 3,000 km east and north of where the track starts.
        #[test]
        fn boxes_far_from_the_origin_keep_the_nearest(
            far in 1e5..3e6f64,
            steps in proptest::collection::vec((-3.0..3.0f64, -3.0..3.0f64), 2..30),
            p in (-20.0..20.0f64, -20.0..20.0f64),
        ) {
            let mut xy = vec![[0.0, far], [far, far]];
            for (dx, dy) in steps {
                let last = xy[xy.len() - 1];
                xy.push([last[0] + dx, last[1] + dy]);
            }
            let last = xy[xy.len() - 1];
            xy.push([last[0], 0.0]);
            let grid = Grid::new(&xy);
            let p = [far + p.0, far + p.1];
            let d2 = |s: usize| project_on_segment(xy[s], xy[s + 1], p).1;
            let rule = (1..xy.len() - 1).fold(0, |best, s| if nearer(d2(s), s, d2(best), best) { s } else { best });
            let (t, seed_d2) = project_on_segment(xy[1], xy[2], p);
            let seeded = grid.nearest(&xy, p, 4, Some(Projection { segment: 1, t, d2: seed_d2 }));
            for found in [grid.nearest(&xy, p, 4, None), seeded] {
                prop_assert_eq!(found.map(|on| on.segment), Some(rule));
            }
        }
    }

    #[test]
    fn a_fix_beside_the_track_is_settled_by_the_grid() {
        let xy: Vec<[f64; 2]> = (0..400)
            .map(|i| [i as f64 * 5.0, (i as f64 / 10.0).sin() * 40.0])
            .collect();
        let grid = Grid::new(&xy);
        let p = [1000.0, 3.0];
        assert_eq!(
            grid.nearest(&xy, p, 4, None).map(|on| on.segment),
            Some(nearest_by_scan(&xy, p).0)
        );
        assert!(
            grid.nearest(&xy, [1000.0, 900.0], 4, None).is_none(),
            "far off: the R-tree's job"
        );
    }
}
