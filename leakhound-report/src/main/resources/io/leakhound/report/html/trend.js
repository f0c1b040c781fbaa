/* leakhound trend page: the verdict, then the memory curve, the fitted trend and the forecast as inline SVG. */
(function () {
  'use strict';
  var el = LH.el, svg = LH.svg, bytes = LH.bytes, count = LH.count;
  var W = 1100, H = 430, L = 78, R = 24, T = 18, B = 52;
  var STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
    172800, 604800, 1209600, 2592000].map(function (s) { return s * 1000; });

  LH.render(function (app) {
    var r = LH.data('leakhound-trend');
    var c = LH.data('leakhound-chart');
    app.appendChild(header(r, c));
    app.appendChild(summary(r, c));
    app.appendChild(chartSection(r, c));
    app.appendChild(method(r, c));
    app.appendChild(el('footer', null,
      el('p', null, 'Samples: ' + r.input.description + ' (' + r.input.format + ', ' + r.input.kind + '). The method is ' +
        'described in docs/leak-verdict.md; the JSON fields in docs/trend-contract.md.'),
      el('p', null, 'Written by leakhound. This file is self-contained: it loads nothing when opened.')));
  });

  /** Seconds in the largest unit that keeps the number at least 1, as the terminal output writes them. */
  function duration(s) {
    if (s < 60) return (s < 10 ? s.toFixed(1) : s.toFixed(0)) + ' s';
    if (s < 3600) return (s / 60).toFixed(0) + ' min';
    if (s < 172800) return (s / 3600).toFixed(1) + ' h';
    return (s / 86400).toFixed(1) + ' d';
  }

  function perHour(b) {
    return (b < 0 ? '\u2212' : '+') + bytes(Math.abs(b)) + '/h';
  }

  function header(r, c) {
    return el('header', {'class': 'page'},
      el('div', null, el('h1', null, 'Memory trend'),
        el('div', {'class': 'muted'}, el('code', null, c.file), ' \u00b7 ', r.input.format, ' \u00b7 ',
          count(r.input.samplesRead) + ' samples')),
      el('div', {'class': 'muted'}, 'leakhound trend'));
  }

  function summary(r, c) {
    var s = LH.section('summary', 'Verdict');
    var box;
    if (r.verdict === 'leak') {
      box = el('div', {'class': 'verdict bad', id: 'verdict'},
        el('div', {'class': 'headline'}, 'Leak: memory grows by ' + perHour(r.growthBytesPerHour)),
        el('p', null, 'The live set grows steadily and still grows at the end of the window (confidence ' +
          (100 * r.confidence).toFixed(1) + '%). ' + (r.secondsToLimit !== null
            ? 'At this rate it reaches the limit of ' + bytes(r.limitBytes) + ' in ' + duration(r.secondsToLimit) + '.'
            : 'No limit is known, so there is no time to the limit: pass --limit.')),
        el('p', null, 'Next: take two heap dumps some time apart and run ', el('code', null, 'leakhound diff OLD NEW'),
          ' to see which holder grows.'));
    } else if (r.verdict === 'no-leak') {
      box = el('div', {'class': 'verdict good', id: 'verdict'},
        el('div', {'class': 'headline'}, 'No leak'),
        el('p', null, /plateau/.test(r.method)
          ? 'Memory grew and then levelled off (like a cache filling up to its bound); it grows by ' + perHour(r.growthBytesPerHour) + ' at the end.'
          : 'No relevant growth of the live set over the window (' + perHour(r.growthBytesPerHour) + ').',
          ' Confidence ' + (100 * r.confidence).toFixed(1) + '%.'));
    } else {
      box = el('div', {'class': 'verdict neutral', id: 'verdict'},
        el('div', {'class': 'headline'}, 'Not enough data yet'),
        el('p', null, r.method.charAt(0).toUpperCase() + r.method.substring(1) + '.'));
    }
    s.appendChild(box);
    var cards = [
      [r.samples ? perHour(r.growthBytesPerHour) : '\u2013', 'growth (Theil\u2013Sen slope)'],
      [(100 * r.confidence).toFixed(1) + '%', 'confidence'],
      [r.secondsToLimit !== null ? duration(r.secondsToLimit) : '\u2013',
        r.limitBytes !== null ? 'to the limit of ' + bytes(r.limitBytes) : 'to the limit (none known)'],
      [r.liveBytes !== null ? bytes(r.liveBytes) : '\u2013', 'live set now (fitted)'],
      [count(r.samples) + ' of ' + count(r.input.samplesRead), 'samples used of read'],
      [r.windowSeconds ? duration(r.windowSeconds) : '\u2013', 'window fitted']
    ];
    s.appendChild(el('div', {'class': 'cards'}, cards.map(function (x) {
      return el('div', {'class': 'card'}, el('div', {'class': 'v'}, x[0]), el('div', {'class': 'k'}, x[1]));
    })));
    return s;
  }

  /** A round step (1, 2, 2.5 or 5 times a power of ten) giving about {@code n} intervals over {@code range}. */
  function niceStep(range, n) {
    var raw = range / n, p = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / p;
    return p * (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10);
  }

  function byteUnit(max) {
    var u = 1, names = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'], i = 0;
    while (max / u >= 1024 && i < names.length - 1) { u *= 1024; i++; }
    return {size: u, name: names[i]};
  }

  function pad2(n) { return (n < 10 ? '0' : '') + n; }

  function timeLabel(ms, step, epoch, t0) {
    if (!epoch) {
      var s = (ms - t0) / 1000;
      if (s === 0) return '0';
      if (step < 60000) return s.toFixed(0) + ' s';
      if (step < 3600000) return (s / 60).toFixed(0) + ' min';
      if (step < 86400000) return (s / 3600).toFixed(s % 3600 ? 1 : 0) + ' h';
      return (s / 86400).toFixed(s % 86400 ? 1 : 0) + ' d';
    }
    var d = new Date(ms);
    var hm = pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes());
    var md = d.getUTCFullYear() + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate());
    if (step >= 86400000) return md;
    if (step < 60000) return hm + ':' + pad2(d.getUTCSeconds());
    return hm;
  }

  var drawn = {};

  /** The chart's geometry and what it shows; pure, so the self-test can check it. */
  function layout(r, c) {
    var pts = c.samples, first = pts.length ? pts[0][0] : 0, last = pts.length ? pts[pts.length - 1][0] : 1;
    var lo = Infinity, hi = -Infinity;
    pts.forEach(function (p) { lo = Math.min(lo, p[1]); hi = Math.max(hi, p[1]); });
    var tMin = first, tMax = Math.max(last, first + 1000), span = tMax - tMin;
    var forecast = null, limitShown = false, limitOff = false;
    if (r.verdict === 'leak' && c.fit) {
      var f = c.fit, end;
      if (r.secondsToLimit !== null && r.limitBytes !== null) {
        end = f.endMillis + r.secondsToLimit * 1000;
        if (end - tMax > 3 * span) { end = tMax + 3 * span; limitOff = true; } else { limitShown = true; }
      } else {
        end = tMax + span / 4;
      }
      forecast = {from: f.endMillis, to: end};
      tMax = Math.max(tMax, end);
    }
    var yTop = hi;
    if (forecast) yTop = Math.max(yTop, at(c.fit, forecast.to));
    if (r.limitBytes !== null && (limitShown || r.limitBytes <= 1.5 * hi)) { yTop = Math.max(yTop, r.limitBytes); limitShown = true; }
    if (!isFinite(yTop) || yTop <= 0) yTop = 1024;
    var unit = byteUnit(yTop), yMin = 0;
    var step = niceStep(yTop / unit.size, 5) * unit.size;
    if (isFinite(lo) && lo > 0.4 * yTop) {
      step = niceStep((yTop - lo) / unit.size * 1.15, 5) * unit.size;
      yMin = Math.floor((lo - 0.1 * (yTop - lo)) / step) * step;
    }
    var yMax = Math.ceil(yTop * 1.02 / step) * step;
    return {tMin: tMin, tMax: tMax, yMin: yMin, yMax: yMax, yStep: step, unit: unit, forecast: forecast,
      limitShown: limitShown, limitOff: limitOff, epoch: tMin > 1e11};
  }

  function at(line, ms) {
    return line.interceptBytes + line.slopeBytesPerSecond * (ms - line.startMillis) / 1000;
  }

  function chartSection(r, c) {
    var s = LH.section('chart', 'Memory over time');
    if (!c.samples.length) {
      s.appendChild(el('p', null, 'No samples to draw.'));
      return s;
    }
    var g = layout(r, c);
    var pw = W - L - R, ph = H - T - B;
    function x(ms) { return L + pw * (ms - g.tMin) / (g.tMax - g.tMin); }
    function y(b) { return T + ph * (1 - (b - g.yMin) / (g.yMax - g.yMin)); }
    function fx(v) { return v.toFixed(1); }
    var root = svg('svg', {'class': 'chart', id: 'trend-chart', viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-label': 'Memory over time: ' + count(c.samplesDrawn) + ' samples, ' + count(c.used.length) +
        ' used by the fit' + (c.fit ? ', the fitted trend line' : '') + (g.forecast ? ' and the forecast' : '')});
    // warm-up
    if (c.warmupEndMillis > g.tMin && c.fit) {
      root.appendChild(svg('rect', {'class': 'warmup', x: L, y: T, width: fx(x(c.warmupEndMillis) - L), height: ph}));
      var wt = svg('text', {x: L + 6, y: T + 14});
      wt.textContent = 'warm-up (skipped)';
      root.appendChild(wt);
    }
    // y grid and labels
    var yLabels = [];
    for (var v = g.yMin; v <= g.yMax + g.yStep / 1000; v += g.yStep) {
      root.appendChild(svg('line', {'class': 'grid', x1: L, x2: W - R, y1: fx(y(v)), y2: fx(y(v))}));
      var lbl = svg('text', {x: L - 8, y: fx(y(v) + 4), 'text-anchor': 'end', 'class': 'ylabel'});
      var n = v / g.unit.size;
      lbl.textContent = (Math.abs(n - Math.round(n)) < 1e-9 ? n.toFixed(0) : n.toFixed(n < 10 ? 2 : 1).replace(/0+$/, '')) + ' ' + g.unit.name;
      yLabels.push(lbl.textContent);
      root.appendChild(lbl);
    }
    // x ticks at round times
    var stepMs = STEPS[STEPS.length - 1];
    for (var i = 0; i < STEPS.length; i++) {
      if ((g.tMax - g.tMin) / STEPS[i] <= 8) { stepMs = STEPS[i]; break; }
    }
    var xLabels = [];
    var base = g.epoch ? 0 : g.tMin;
    for (var t = base + Math.ceil((g.tMin - base) / stepMs) * stepMs; t <= g.tMax; t += stepMs) {
      root.appendChild(svg('line', {'class': 'axis', x1: fx(x(t)), x2: fx(x(t)), y1: T + ph, y2: T + ph + 5}));
      var xl = svg('text', {x: fx(x(t)), y: T + ph + 19, 'text-anchor': 'middle', 'class': 'xlabel'});
      xl.textContent = timeLabel(t, stepMs, g.epoch, g.tMin);
      xLabels.push(xl.textContent);
      root.appendChild(xl);
    }
    root.appendChild(svg('line', {'class': 'axis', x1: L, x2: W - R, y1: T + ph, y2: T + ph}));
    root.appendChild(svg('line', {'class': 'axis', x1: L, x2: L, y1: T, y2: T + ph}));
    var xt = svg('text', {x: L + pw / 2, y: H - 8, 'text-anchor': 'middle'});
    xt.textContent = g.epoch ? 'time (UTC)' : 'time since the first sample';
    root.appendChild(xt);
    var plot = svg('g', {id: 'plot'});
    root.appendChild(plot);
    // the limit
    if (g.limitShown && r.limitBytes !== null) {
      plot.appendChild(svg('line', {'class': 'limit', x1: L, x2: W - R, y1: fx(y(r.limitBytes)), y2: fx(y(r.limitBytes))}));
      var lt = svg('text', {x: W - R - 6, y: fx(y(r.limitBytes) - 5), 'text-anchor': 'end', 'class': 'limit-label'});
      lt.textContent = 'limit ' + bytes(r.limitBytes);
      plot.appendChild(lt);
    }
    // every sample, then the ones the fit used
    var all = svg('polyline', {'class': 'all', id: 'curve', points: c.samples.map(function (p) { return fx(x(p[0])) + ',' + fx(y(p[1])); }).join(' ')});
    plot.appendChild(all);
    var used = svg('g', {id: 'used'});
    c.used.forEach(function (p) {
      used.appendChild(svg('circle', {'class': 'used', cx: fx(x(p[0])), cy: fx(y(p[1])), r: c.used.length > 400 ? 1.6 : 2.6}));
    });
    plot.appendChild(used);
    // the fitted trend over the window, the recent fit of a plateau, the forecast
    if (c.fit) {
      plot.appendChild(svg('line', {'class': 'trend' + (r.verdict === 'leak' ? '' : ' flat'), id: 'trend-line',
        x1: fx(x(c.fit.startMillis)), y1: fx(y(at(c.fit, c.fit.startMillis))),
        x2: fx(x(c.fit.endMillis)), y2: fx(y(at(c.fit, c.fit.endMillis)))}));
    }
    if (c.recentFit && r.verdict !== 'leak') {
      plot.appendChild(svg('line', {'class': 'recent', id: 'recent-line',
        x1: fx(x(c.recentFit.startMillis)), y1: fx(y(at(c.recentFit, c.recentFit.startMillis))),
        x2: fx(x(c.recentFit.endMillis)), y2: fx(y(at(c.recentFit, c.recentFit.endMillis)))}));
    }
    if (g.forecast) {
      plot.appendChild(svg('line', {'class': 'forecast', id: 'forecast-line',
        x1: fx(x(g.forecast.from)), y1: fx(y(at(c.fit, g.forecast.from))),
        x2: fx(x(g.forecast.to)), y2: fx(y(at(c.fit, g.forecast.to)))}));
    }
    drawn = {xLabels: xLabels, yLabels: yLabels};
    s.appendChild(root);
    var legend = [['#a9b4c6', 'solid', 'every sample'], ['#2456c7', 'dotted', 'samples the fit used'],
      c.fit ? [r.verdict === 'leak' ? '#b3261e' : '#1e6b35', 'solid', 'fitted trend (Theil\u2013Sen)'] : null,
      c.recentFit && r.verdict !== 'leak' ? ['#8a5a00', 'solid', 'trend of the last third'] : null,
      g.forecast ? ['#b3261e', 'dashed', g.limitShown ? 'forecast to the limit' : 'forecast'] : null,
      g.limitShown ? ['#b3261e', 'dotted', 'limit'] : null];
    s.appendChild(el('div', {'class': 'legend'}, legend.filter(Boolean).map(function (l) {
      var sw = el('span', {'class': 'sw'});
      sw.style.borderTopColor = l[0];
      sw.style.borderTopStyle = l[1];
      return el('span', null, sw, l[2]);
    })));
    var notes = [];
    if (c.fit && c.warmupEndMillis > g.tMin) notes.push('The shaded start is warm-up, which the fit skips.');
    if (r.input.kind !== 'live-set') notes.push('These samples are not the live set, so the fit uses their floor: the lowest sample of each GC cycle.');
    if (g.limitOff) notes.push('The forecast reaches the limit of ' + bytes(r.limitBytes) + ' in ' + duration(r.secondsToLimit) +
      ', beyond the right edge of the chart.');
    if (c.samplesDrawn < c.samplesSorted) notes.push('The series has ' + count(c.samplesSorted) + ' samples; the curve draws the lowest and highest of ' +
      'each of ' + count(Math.ceil(c.samplesDrawn / 2)) + ' consecutive groups (' + count(c.samplesDrawn) + ' points).');
    if (notes.length) s.appendChild(el('p', {'class': 'note', id: 'chart-note'}, notes.join(' ')));
    return s;
  }

  function method(r, c) {
    var s = LH.section('method', 'How the verdict was reached');
    s.appendChild(el('p', {'class': 'mono', id: 'method'}, r.method));
    var rows = [
      ['verdict', r.verdict],
      ['growth', perHour(r.growthBytesPerHour) + ' (' + count(r.growthBytesPerHour) + ' bytes/h)'],
      ['p-value of growth (Mann\u2013Kendall)', r.pGrowth === null ? '\u2013' : r.pGrowth < 0.0001 ? '< 0.0001' : r.pGrowth.toPrecision(2)],
      ['samples', count(r.samples) + ' used, ' + count(r.input.samplesRead) + ' read'],
      ['input', r.input.description + ' [' + r.input.format + ', ' + r.input.kind + ']']
    ];
    s.appendChild(el('table', {id: 'trend-facts'}, el('tbody', null, rows.map(function (x) {
      return el('tr', null, el('th', {scope: 'row'}, x[0]), el('td', null, x[1]));
    }))));
    return s;
  }

  LH.selftest(function () {
    var curve = document.getElementById('curve');
    return {
      verdict: document.getElementById('verdict').textContent,
      curvePoints: curve ? curve.getAttribute('points').split(' ').length : 0,
      usedPoints: document.querySelectorAll('#used circle').length,
      trendLine: !!document.getElementById('trend-line'),
      forecastLine: !!document.getElementById('forecast-line'),
      trendLength: (function () {
        var l = document.getElementById('trend-line');
        return l ? l.getTotalLength() : 0;
      })(),
      xLabels: drawn.xLabels || [], yLabels: drawn.yLabels || []
    };
  });
})();
