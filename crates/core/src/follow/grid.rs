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

pub(crate) struct Grid {
    x0: f64,
    y0: f64,
    cell: f64,
    cols: usize,
    rows: usize,
    /// Cell `c`'s segments are `items[starts[c]..starts[c + 1]]` (compressed rows).
    starts: Vec<u32>,
    items: Vec<u32>,
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
        grid.items = vec![0; *grid.starts.last().unwrap_or(&0) as usize];
        for (s, w) in xy.windows(2).enumerate() {
            let (c0, r0, c1, r1) = cells_of(&grid, w[0], w[1]);
            for r in r0..=r1 {
                for c in c0..=c1 {
                    let at = &mut fill[r * cols + c];
                    grid.items[*at as usize] = s as u32;
                    *at += 1;
                }
            }
        }
        grid
    }

    fn cell_of(&self, p: [f64; 2]) -> (i64, i64) {
        (
            ((p[0] - self.x0) / self.cell).floor() as i64,
            ((p[1] - self.y0) / self.cell).floor() as i64,
        )
    }

    /// The segment nearest to `p` (the lowest index among equals), if one lies within `rings`
    /// rings of cells around `p`'s cell; `None` sends the caller to the R-tree.
    ///
    /// Rings grow until the best distance found is no more than the distance from `p` to the
    /// edge of the cells searched: a segment filed in no searched cell lies wholly outside them.
    pub(crate) fn nearest(&self, xy: &[[f64; 2]], p: [f64; 2], rings: i64) -> Option<usize> {
        let (pc, pr) = self.cell_of(p);
        let mut best: Option<(f64, u32)> = None;
        for ring in 0..=rings {
            for r in pr - ring..=pr + ring {
                if r < 0 || r >= self.rows as i64 {
                    continue;
                }
                let on_edge_row = r == pr - ring || r == pr + ring;
                let step = if on_edge_row { 1 } else { (2 * ring).max(1) as usize };
                for c in (pc - ring..=pc + ring).step_by(step) {
                    if c < 0 || c >= self.cols as i64 {
                        continue;
                    }
                    let cell = r as usize * self.cols + c as usize;
                    for &s in &self.items[self.starts[cell] as usize..self.starts[cell + 1] as usize] {
                        let (_, d2) = project_on_segment(xy[s as usize], xy[s as usize + 1], p);
                        if best.is_none_or(|(b, bs)| d2 < b || (d2 == b && s < bs)) {
                            best = Some((d2, s));
                        }
                    }
                }
            }
            if let Some((d2, s)) = best {
                if d2 <= self.reach(p, pc, pr, ring).powi(2) {
                    return Some(s as usize);
                }
            }
        }
        None
    }

    /// Calls `visit` with every segment filed in a cell that meets the square of half-side
    /// `radius` around `p` (some segments more than once), so every segment within `radius`
    /// of `p` is visited. `None` when that square spans more than `max_cells` cells a side:
    /// the R-tree is then the better tool.
    pub(crate) fn within(&self, p: [f64; 2], radius: f64, max_cells: i64, mut visit: impl FnMut(usize)) -> Option<()> {
        let (c0, r0) = self.cell_of([p[0] - radius, p[1] - radius]);
        let (c1, r1) = self.cell_of([p[0] + radius, p[1] + radius]);
        if c1 - c0 > max_cells || r1 - r0 > max_cells {
            return None;
        }
        for r in r0.max(0)..=r1.min(self.rows as i64 - 1) {
            for c in c0.max(0)..=c1.min(self.cols as i64 - 1) {
                let cell = r as usize * self.cols + c as usize;
                for &s in &self.items[self.starts[cell] as usize..self.starts[cell + 1] as usize] {
                    visit(s as usize);
                }
            }
        }
        Some(())
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
            if let Some(s) = grid.nearest(&xy, [p.0, p.1], 4) {
                let d2 = project_on_segment(xy[s], xy[s + 1], [p.0, p.1]).1;
                prop_assert!((d2 - best).abs() <= 1e-9 * best.max(1.0), "grid {d2} vs scan {best}");
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
        assert_eq!(grid.nearest(&xy, p, 4), Some(nearest_by_scan(&xy, p).0));
        assert_eq!(grid.nearest(&xy, [1000.0, 900.0], 4), None, "far off: the R-tree's job");
    }
}
