/**
 * The page script of report.html, as text (it runs in the browser, not here; plain ES2017, no template literals
 * so that it can live in this string). It reads the embedded data and specs, sizes the views to the page (one
 * column and legends below the plot on a narrow screen), embeds them, and moves the points and the field through
 * t from the slider and the play button, and the training samples through the epochs from the second slider.
 * `window.fvReport` exposes the state for tests and for the curious (setT, setEpoch, play, pause, t, view).
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
  var epochSlider = document.getElementById('epoch-slider');
  var epochLabel = document.getElementById('epoch-value');
  var b = data.bounds;
  var state = { t: Number(slider.value), epoch: epochSlider ? Number(epochSlider.value) : 0, view: null, lossView: null, evolutionView: null, playing: false, renders: 0, ready: false };
  window.fvReport = state;

  function clone(x) { return JSON.parse(JSON.stringify(x)); }
  // Width available to a view: its container, less room for the axes (and the legend when it sits at the right).
  function fit(spec, id, maxSize, square) {
    var avail = document.getElementById(id).clientWidth;
    var s = clone(spec);
    var narrow = avail < maxSize + 150;
    var w = Math.max(160, Math.min(maxSize, avail - (narrow ? 70 : 160)));
    s.width = w;
    if (square) s.height = w;
    else s.height = Math.round(w * 0.5);
    if (narrow) (s.layer || []).forEach(function (l) {
      var c = l.encoding && (l.encoding.color || l.encoding.fill);
      if (c && c.legend) { c.legend.orient = 'bottom'; c.legend.direction = 'horizontal'; c.legend.gradientLength = Math.min(200, w - 40); }
    });
    return s;
  }
  var size = 0;

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
  function lerpPoints(a, c, w) {
    var out = [];
    for (var i = 0; i + 1 < a.length; i += 2) {
      if (a[i] === null || c[i] === null) continue;
      out.push({ x: a[i] + (c[i] - a[i]) * w, y: a[i + 1] + (c[i + 1] - a[i + 1]) * w });
    }
    return out;
  }
  function pointsAt(t) {
    var k = bracket(data.times, t);
    return lerpPoints(data.frames[k.lo], data.frames[k.hi], k.w);
  }

  var cell = (b[1] - b[0]) / Math.max(1, data.gridSize);
  var perSpeed = data.vref > 0 ? 0.9 * cell / data.vref : 0;
  function arrowsAt(t) {
    if (!data.fields.length) return [];
    var pxPerUnit = size / (b[1] - b[0]);
    var k = bracket(data.fieldTimes, t), a = data.fields[k.lo], c = data.fields[k.hi], g = data.grid, out = [];
    for (var i = 0; i + 1 < g.length; i += 2) {
      var vx = a[i] + (c[i] - a[i]) * k.w, vy = a[i + 1] + (c[i + 1] - a[i + 1]) * k.w;
      var speed = Math.sqrt(vx * vx + vy * vy);
      if (!(speed > 0)) continue;
      // Faster than the reference speed: drawn at its length and top colour (the legend says "≥").
      var cap = speed > data.vref ? data.vref / speed : 1;
      var dx = vx * cap * perSpeed, dy = vy * cap * perSpeed;
      var len = Math.sqrt(dx * dx + dy * dy) * pxPerUnit;
      var head = Math.min(len, Math.min(8, Math.max(3.5, len * 0.45)));
      var shown = Math.min(speed, data.vref);
      out.push({ x: g[i] - dx / 2, y: g[i + 1] - dy / 2, x2: g[i] + dx / 2, y2: g[i + 1] + dy / 2, speed: shown, headSpeed: shown,
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

  function setEpoch(e) {
    var ev = data.evolution;
    if (!ev || !state.evolutionView) return;
    state.epoch = Math.min(ev.epochs.length - 1, Math.max(0, Number(e)));
    epochSlider.value = String(state.epoch);
    var lo = Math.floor(state.epoch), hi = Math.min(ev.epochs.length - 1, lo + 1), w = state.epoch - lo;
    var near = w < 0.5 ? lo : hi;
    epochLabel.textContent = 'epoch ' + ev.epochs[near] + ' · sliced W1 ' + ev.w1[near].toFixed(3);
    state.evolutionView.data('points', lerpPoints(ev.points[lo], ev.points[hi], w));
    state.evolutionView.runAsync().then(function () { document.body.setAttribute('data-rendered-epoch', String(state.epoch)); });
  }
  state.setEpoch = setEpoch;

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

  var opts = { actions: false, renderer: 'canvas', mode: 'vega-lite' };
  // The flow view; without the field, its speed legend goes too (a legend follows what is shown).
  function embedFlow() {
    var s = fit(specs.flow, 'flow-view', specs.size, true);
    size = s.width;
    if (!showField.checked) s.layer.forEach(function (l) { if (l.encoding.color && l.encoding.color.legend) l.encoding.color.legend = null; });
    return vegaEmbed('#flow-view', s, opts).then(function (r) {
      if (state.view) state.view.finalize();
      state.view = r.view;
      document.body.setAttribute('data-legend', showField.checked ? 'speed' : 'none');
    });
  }

  slider.addEventListener('input', function () { pause(); setT(slider.value); });
  playButton.addEventListener('click', function () { state.playing ? pause() : play(); });
  showField.addEventListener('change', function () { embedFlow().then(draw); });
  showTarget.addEventListener('change', draw);
  if (epochSlider) epochSlider.addEventListener('input', function () { setEpoch(epochSlider.value); });

  var jobs = [
    embedFlow(),
    vegaEmbed('#loss-view', fit(specs.loss, 'loss-view', 460, false), opts).then(function (r) { state.lossView = r.view; }),
  ];
  if (specs.evolution && data.evolution) {
    jobs.push(vegaEmbed('#evolution-view', fit(specs.evolution, 'evolution-view', Math.min(specs.size, 420), true), opts).then(function (r) {
      state.evolutionView = r.view;
      r.view.data('target', targetRows);
      setEpoch(state.epoch);
    }));
  }
  // The static views are drawn at their own size and scaled down by CSS to the page's width.
  ['paths', 'density', 'likelihood', 'density_model', 'estimator_spread', 'solvers'].forEach(function (k) {
    if (specs[k]) jobs.push(vegaEmbed('#' + k + '-view', specs[k], opts));
  });
  Promise.all(jobs).then(function () {
    setT(state.t);
    state.ready = true;
    document.body.setAttribute('data-ready', 'true');
  }, function (e) { console.error(e); });
})();
`;
