/**
 * The page script of report.html, as text (it runs in the browser, not here; plain ES2017, no template literals
 * so that it can live in this string). It reads the embedded data and specs, embeds the two views, and moves the
 * points and the field through t from the slider and the play button. `window.fvReport` exposes the state for
 * tests and for the curious (setT, play, pause, t, view).
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('fv-data').textContent);
  var specs = JSON.parse(document.getElementById('fv-specs').textContent);
  var slider = document.getElementById('t-slider');
  var label = document.getElementById('t-value');
  var playButton = document.getElementById('play');
  var showField = document.getElementById('show-field');
  var showTarget = document.getElementById('show-target');
  var b = data.bounds;
  var size = specs.size;
  var state = { t: Number(slider.value), view: null, lossView: null, playing: false, renders: 0, ready: false };
  window.fvReport = state;

  function rows(flat) {
    var out = [];
    for (var i = 0; i + 1 < flat.length; i += 2) if (flat[i] !== null && flat[i + 1] !== null) out.push({ x: flat[i], y: flat[i + 1] });
    return out;
  }
  var targetRows = rows(data.target);

  // Neighbouring samples of a sorted list of times, and the weight of the later one.
  function bracket(times, t) {
    var hi = 0;
    while (hi < times.length - 1 && times[hi] < t) hi++;
    var lo = hi > 0 && times[hi] > t ? hi - 1 : hi;
    var span = times[hi] - times[lo];
    return { lo: lo, hi: hi, w: span > 0 ? Math.min(1, Math.max(0, (t - times[lo]) / span)) : 0 };
  }

  function pointsAt(t) {
    var k = bracket(data.times, t), a = data.frames[k.lo], c = data.frames[k.hi], out = [];
    for (var i = 0; i + 1 < a.length; i += 2) {
      if (a[i] === null || c[i] === null) continue;
      out.push({ x: a[i] + (c[i] - a[i]) * k.w, y: a[i + 1] + (c[i + 1] - a[i + 1]) * k.w });
    }
    return out;
  }

  var cell = (b[1] - b[0]) / Math.max(1, data.gridSize);
  var perSpeed = data.vref > 0 ? 0.9 * cell / data.vref : 0;
  var pxPerUnit = size / (b[1] - b[0]);
  function arrowsAt(t) {
    if (!data.fields.length) return [];
    var k = bracket(data.fieldTimes, t), a = data.fields[k.lo], c = data.fields[k.hi], g = data.grid, out = [];
    for (var i = 0; i + 1 < g.length; i += 2) {
      var vx = a[i] + (c[i] - a[i]) * k.w, vy = a[i + 1] + (c[i + 1] - a[i + 1]) * k.w;
      var speed = Math.sqrt(vx * vx + vy * vy);
      if (!(speed > 0)) continue;
      // Faster than the reference speed: drawn at its length (the colour scale is clamped there too).
      var cap = speed > data.vref ? data.vref / speed : 1;
      var dx = vx * cap * perSpeed, dy = vy * cap * perSpeed;
      var head = Math.min(Math.sqrt(dx * dx + dy * dy) * pxPerUnit * 0.38, 8);
      out.push({ x: g[i] - dx / 2, y: g[i + 1] - dy / 2, x2: g[i] + dx / 2, y2: g[i + 1] + dy / 2, speed: speed, headSpeed: speed,
        angle: (Math.atan2(vx, vy) * 180 / Math.PI + 360) % 360, head: head * head });
    }
    return out;
  }

  var pending = null, busy = false;
  // Redraws for the latest t only: slider events faster than the view are merged, never queued.
  function draw() {
    if (!state.view) return;
    if (busy) { pending = true; return; }
    busy = true;
    var t = state.t;
    state.view.data('points', pointsAt(t));
    state.view.data('arrows', showField.checked ? arrowsAt(t) : []);
    state.view.data('target', showTarget.checked ? targetRows : []);
    state.view.runAsync().then(function () {
      busy = false;
      state.renders++;
      document.body.setAttribute('data-rendered-t', String(t));
      if (pending) { pending = null; draw(); }
    }, function (e) { busy = false; console.error(e); });
  }

  function setT(t) {
    state.t = Math.min(1, Math.max(0, Number(t)));
    slider.value = String(state.t);
    label.textContent = 't = ' + state.t.toFixed(2);
    draw();
  }
  state.setT = setT;

  var start = 0, from = 0;
  function tick(now) {
    if (!state.playing) return;
    var t = from + (now - start) / (specs.playSeconds * 1000);
    if (t >= 1) { setT(1); pause(); return; }
    setT(t);
    requestAnimationFrame(tick);
  }
  function play() {
    if (state.playing) return;
    state.playing = true;
    from = state.t >= 1 ? 0 : state.t;
    start = performance.now();
    playButton.textContent = '\u275A\u275A Pause';
    playButton.setAttribute('aria-pressed', 'true');
    requestAnimationFrame(tick);
  }
  function pause() {
    state.playing = false;
    playButton.textContent = '\u25B6 Play';
    playButton.setAttribute('aria-pressed', 'false');
  }
  state.play = play;
  state.pause = pause;

  slider.addEventListener('input', function () { pause(); setT(slider.value); });
  playButton.addEventListener('click', function () { state.playing ? pause() : play(); });
  showField.addEventListener('change', draw);
  showTarget.addEventListener('change', draw);

  var opts = { actions: false, renderer: 'canvas', mode: 'vega-lite' };
  Promise.all([
    vegaEmbed('#flow-view', specs.flow, opts).then(function (r) { state.view = r.view; }),
    vegaEmbed('#loss-view', specs.loss, opts).then(function (r) { state.lossView = r.view; }),
  ]).then(function () {
    setT(state.t);
    state.ready = true;
    document.body.setAttribute('data-ready', 'true');
  }, function (e) { console.error(e); });
})();
`;
