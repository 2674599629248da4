// The route map: Leaflet over the stored pack's tiles (served by the app at /tiles/...), the
// track, its points of interest and its stops, the walker with the accuracy of the fix and the
// way they head, a scale and the north. Pointing at the map or at the elevation profile shows
// the same place on both. Loaded once per window, by src/screens/route_map.rs.
window.velayMap = (function () {
  const maps = {};
  // A position that came before its map was up, drawn once it is.
  const pending = {};

  function css(text) {
    const style = document.createElement('style');
    style.textContent = text;
    document.head.appendChild(style);
  }

  // The point of the track nearest to `latlng`, as its index.
  function nearest(m, latlng) {
    let best = 0, bestD = Infinity;
    m.o.track.forEach((p, i) => {
      const d = m.map.distance(latlng, [p[0], p[1]]);
      if (d < bestD) { bestD = d; best = i; }
    });
    return { index: best, metres: bestD };
  }

  // Shows the place `d` metres along the route on the map and on the profile.
  function point(m, d) {
    const t = m.o.track;
    let i = 1;
    while (i < t.length - 1 && t[i][2] < d) i++;
    const a = t[i - 1], b = t[i];
    const f = b[2] > a[2] ? Math.min(1, Math.max(0, (d - a[2]) / (b[2] - a[2]))) : 0;
    const at = [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
    if (!m.pointed) {
      m.pointed = L.circleMarker(at, { radius: 8, color: '#1d6fd8', weight: 3, fillColor: '#fff', fillOpacity: 1, interactive: false }).addTo(m.map);
    } else {
      m.pointed.setLatLng(at);
    }
    const p = m.o.profile && document.getElementById(m.o.profile.id);
    const line = p && p.querySelector('line.pointed');
    if (line) {
      const pr = m.o.profile;
      const x = pr.left + (pr.width - pr.left - 4) * Math.min(1, Math.max(0, d / pr.length));
      line.setAttribute('x1', x.toFixed(1));
      line.setAttribute('x2', x.toFixed(1));
      line.setAttribute('visibility', 'visible');
    }
  }

  // What the map measured, for scripts/bench/map.py (through the probe).
  function report(o, what) {
    const field = document.getElementById(o.id + '-timing');
    if (!field) return;
    const now = field.value ? JSON.parse(field.value) : {};
    field.value = JSON.stringify(Object.assign(now, what));
  }

  // Pans the map by a few pixels every frame for `ms` and reports frames per second and the
  // frames that came late (over 1.5 times a 60 Hz frame).
  function benchPan(m, ms) {
    const gaps = [];
    let last = performance.now();
    const end = last + ms;
    function frame(now) {
      gaps.push(now - last);
      last = now;
      m.map.panBy([3, 2], { animate: false });
      if (now < end) requestAnimationFrame(frame);
      else report(m.o, {
        pan_fps: Math.round(1000 * gaps.length / ms),
        pan_late_frames: gaps.filter(g => g > 25).length,
        pan_frames: gaps.length,
      });
    }
    requestAnimationFrame(frame);
  }

  function create(o) {
    const el = document.getElementById(o.id);
    if (!el) return false;
    if (maps[o.id]) maps[o.id].map.remove();
    // The SVG drawing of the track stands in until the map is up.
    el.querySelectorAll('.track-map').forEach(svg => { svg.style.display = 'none'; });
    const map = L.map(el, { zoomSnap: 0.5, minZoom: 8, maxZoom: 18, keyboard: true, tapTolerance: 20 });
    map.attributionControl.setPrefix('Leaflet');
    let tiles = null;
    if (o.tiles) {
      tiles = L.tileLayer(o.tiles.url, {
        minNativeZoom: o.tiles.min, maxNativeZoom: o.tiles.max, minZoom: 8, maxZoom: 18,
        bounds: o.tiles.bounds, attribution: o.tiles.attribution, keepBuffer: 4,
      });
    }
    const track = L.polyline(o.track.map(p => [p[0], p[1]]), { color: '#2f6b4f', weight: 5, opacity: 0.9 }).addTo(map);
    o.pois.forEach(p => {
      L.marker([p[0], p[1]], {
        icon: L.divIcon({ className: 'poi-pin', html: String(p[2]), iconSize: [26, 26] }),
        title: p[3], alt: p[3], keyboard: false,
      }).addTo(map);
    });
    o.stops.forEach(s => {
      L.circleMarker([s[0], s[1]], { radius: 7, color: '#fff', weight: 2, fillColor: s[3], fillOpacity: 1 })
        .bindTooltip(s[2]).addTo(map);
    });
    // The first frame: the page's mount to the last visible tile drawn (or the track, with none).
    const drawn = () => requestAnimationFrame(() => {
      report(o, { first_frame_ms: Date.now() - o.mountedAt });
      if (o.bench) benchPan(maps[o.id], 3000);
    });
    if (tiles) tiles.once('load', drawn).addTo(map);
    map.fitBounds(track.getBounds(), { padding: [24, 24] });
    if (!tiles) drawn();
    L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
    const North = L.Control.extend({
      onAdd() {
        const d = L.DomUtil.create('div', 'north-arrow');
        d.title = o.labels.north;
        d.setAttribute('aria-label', o.labels.north);
        d.innerHTML = '<span aria-hidden="true">\u25B2</span>N';
        return d;
      },
    });
    new North({ position: 'topright' }).addTo(map);
    const m = { map, o, follow: o.following, me: null, circle: null, heading: null, pointed: null };
    const Recentre = L.Control.extend({
      onAdd() {
        const b = L.DomUtil.create('button', 'recentre');
        b.type = 'button';
        b.textContent = o.labels.recentre;
        b.style.display = 'none';
        L.DomEvent.disableClickPropagation(b);
        L.DomEvent.on(b, 'click', () => {
          m.follow = true;
          b.style.display = 'none';
          if (m.me) map.panTo(m.me.getLatLng());
        });
        m.recentre = b;
        return b;
      },
    });
    if (o.following) new Recentre({ position: 'bottomright' }).addTo(map);
    // Follow-me stops when the walker moves the map themselves.
    map.on('dragstart', () => {
      if (m.follow && m.recentre) { m.follow = false; m.recentre.style.display = ''; }
    });
    map.on('click', e => {
      const n = nearest(m, e.latlng);
      if (n.metres < 300) point(m, o.track[n.index][2]);
    });
    const profile = o.profile && document.getElementById(o.profile.id);
    if (profile) {
      const at = ev => {
        const r = profile.getBoundingClientRect();
        const pr = o.profile;
        const x = (ev.clientX - r.left) * (pr.width / r.width);
        point(m, Math.min(1, Math.max(0, (x - pr.left) / (pr.width - pr.left - 4))) * pr.length);
      };
      profile.onpointerdown = at;
      profile.onpointermove = ev => { if (ev.buttons || ev.pointerType === 'mouse') at(ev); };
    }
    maps[o.id] = m;
    el.dataset.ready = o.tiles ? 'tiles' : 'plain';
    if (o.following && pending[o.id]) position(...pending[o.id]);
    return true;
  }

  // The walker: a dot, the circle the fix is sure of, and the way they head.
  function position(id, lat, lon, accuracy, heading) {
    const m = maps[id];
    pending[id] = [id, lat, lon, accuracy, heading];
    if (!m) return;
    const at = [lat, lon];
    if (!m.me) {
      m.circle = L.circle(at, { radius: accuracy, color: '#1d6fd8', weight: 1, fillOpacity: 0.12, interactive: false }).addTo(m.map);
      m.heading = L.marker(at, { icon: L.divIcon({ className: 'heading', html: '<span></span>', iconSize: [34, 34] }), interactive: false, keyboard: false }).addTo(m.map);
      m.me = L.circleMarker(at, { radius: 7, color: '#fff', weight: 3, fillColor: '#1d6fd8', fillOpacity: 1 }).addTo(m.map);
    }
    m.me.setLatLng(at);
    m.circle.setLatLng(at).setRadius(accuracy);
    m.heading.setLatLng(at);
    const arrow = m.heading.getElement();
    if (arrow) {
      arrow.style.visibility = heading === null ? 'hidden' : 'visible';
      const span = arrow.firstChild;
      if (span && heading !== null) span.style.transform = 'rotate(' + heading + 'deg)';
    }
    if (m.follow) m.map.panTo(at, { animate: false });
  }

  return { css, create, position, maps };
})();
