/* leakhound pages: shared helpers (formats, elements, tables, path chains, treemap, self-test). No network. */
var LH = (function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var selftests = [];
  var renderers = [];

  function data(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function bytes(b) {
    if (b < 1024) return b + ' B';
    var units = ['KB', 'MB', 'GB', 'TB', 'PB'], v = b, u = -1;
    while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
    return (v >= 100 ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[u];
  }

  function count(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function pct(share) {
    return (share * 100).toFixed(1) + '%';
  }

  /** el('div', {class: 'x', onclick: f}, 'text', child, [more children]) */
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k.indexOf('on') === 0) e.addEventListener(k.substring(2), v);
        else if (k === 'text') e.textContent = v;
        else e.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(e, arguments[i]);
    return e;
  }

  function append(parent, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (x) { append(parent, x); }); return; }
    parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function section(id, title) {
    return el('section', {id: id, 'aria-labelledby': id + '-h'}, el('h2', {id: id + '-h'}, title));
  }

  /** {@code com.acme.Cache$Entry} -> {@code Cache$Entry} */
  function simpleName(c) {
    if (!c) return '?';
    if (c.indexOf('class ') === 0) c = c.substring(6);
    var dot = c.lastIndexOf('.');
    return dot < 0 ? c : c.substring(dot + 1);
  }

  /** One reference step as text, as the terminal report writes it. */
  function stepText(s) {
    if (s.kind === 'root') {
      var t = 'GC root (' + s.rootKind + ') ' + s['class'];
      if (s.thread) t += ' in ' + s.thread;
      if (s.method) t += ' at ' + s.method;
      return t;
    }
    if (s.kind === 'static-field') return 'static ' + s['class'] + '.' + s.field + ' \u2192 ' + s.targetClass;
    if (s.kind === 'array-element') return s['class'] + '[' + s.index + '] \u2192 ' + s.targetClass;
    return s['class'] + '.' + s.field + ' \u2192 ' + s.targetClass;
  }

  function node(role, kind, what, title) {
    return el('li', null, el('div', {'class': 'node ' + kind, title: title || null},
      el('span', {'class': 'role'}, role), el('span', {'class': 'what'}, what)));
  }

  /**
   * A GC-root path as a chain of boxes: the root, each reference, then (optional) extra boxes such as the
   * accumulation point and its elements. The last path step is marked as the holder when asked.
   */
  function chain(path, opts) {
    opts = opts || {};
    var ol = el('ol', {'class': 'chain', 'aria-label': opts.label || 'Path from a GC root'});
    path.forEach(function (s, i) {
      var last = i === path.length - 1;
      if (s.kind === 'root') {
        var what = s['class'] + (s.thread ? ' in ' + s.thread : '') + (s.method ? ' at ' + s.method : '');
        ol.appendChild(node('GC root \u00b7 ' + s.rootKind, 'root', what, s.id));
        return;
      }
      var label = s.kind === 'static-field' ? 'static ' + simpleName(s['class']) + '.' + s.field
        : s.kind === 'array-element' ? '[' + s.index + ']' : '.' + s.field;
      var role = last && opts.holder ? 'holder' : (s.kind === 'static-field' ? 'static field' : 'reference');
      ol.appendChild(node(role, last && opts.holder ? 'holder' : 'step', label + ' \u2192 ' + s.targetClass,
        stepText(s) + ' (' + s.id + ')'));
    });
    (opts.extra || []).forEach(function (x) { ol.appendChild(node(x.role, x.kind, x.what, x.title)); });
    return ol;
  }

  /** The element class a suspect's title names: the largest that is not a collection's own node class. */
  function mainElement(list) {
    for (var i = 0; i < list.length; i++) {
      var c = list[i]['class'];
      if (!(c.indexOf('java.util.') === 0 && /\$(Node|Entry|TreeNode)(\[\])?$/.test(c))) return list[i];
    }
    return list[0];
  }

  /**
   * A suspect (the report contract's shape) as a chain: GC root, references, the holder, then its accumulation
   * point (when it is not the holder itself) and what piles up there.
   */
  function suspectChain(x) {
    var a = x.accumulation, extra = [], last = x.path[x.path.length - 1];
    if (a && (!last || last.id !== a.id)) {
      extra.push({role: 'accumulation point', kind: 'acc', what: a['class'], title: a.id});
    }
    if (a && a.elementClasses.length) {
      var main = mainElement(a.elementClasses);
      extra.push({role: count(a.elements) + ' elements, mostly', kind: 'elements',
        what: count(main.instances) + ' \u00d7 ' + simpleName(main['class'])});
    }
    return chain(x.path, {holder: true, extra: extra, label: 'Path from a GC root to the holder'});
  }

  /** A signed byte difference: +1.5 MB, \u22122.0 KB. */
  function signedBytes(d) {
    return (d < 0 ? '\u2212' : '+') + bytes(Math.abs(d));
  }

  /** A signed count difference: +1,234, \u221256. */
  function signedCount(d) {
    return (d < 0 ? '\u2212' : '+') + count(Math.abs(d));
  }

  /**
   * A sortable, filterable table over rows of plain objects. columns: [{key, label, num, render(row)}].
   * Shows at most {@code limit} rows of the matches and says how many match.
   */
  function table(opts) {
    var state = {key: opts.sortKey, desc: true, q: ''};
    var tbody = el('tbody');
    var status = el('span', {'class': 'note', role: 'status', 'aria-live': 'polite'});
    var ths = opts.columns.map(function (c) {
      var th = el('th', {scope: 'col', 'class': c.num ? 'num' : null, 'data-key': c.key},
        el('button', {'class': 'sort', type: 'button', onclick: function () { sortBy(c.key); }}, c.label));
      return th;
    });
    var tableEl = el('table', {id: opts.id}, opts.caption ? el('caption', {'class': 'note'}, opts.caption) : null,
      el('thead', null, el('tr', null, ths)), tbody);
    var input = el('input', {type: 'search', id: opts.id + '-filter', placeholder: 'Filter by class name\u2026',
      'aria-controls': opts.id, oninput: function () { state.q = input.value; render(); }});
    function sortBy(key) {
      state.desc = state.key === key ? !state.desc : key !== 'class';
      state.key = key;
      render();
    }
    function render() {
      var q = state.q.trim().toLowerCase();
      var rows = q ? opts.rows.filter(function (r) { return r['class'].toLowerCase().indexOf(q) >= 0; }) : opts.rows.slice();
      var k = state.key, d = state.desc ? -1 : 1;
      rows.sort(function (a, b) { return a[k] < b[k] ? -d : a[k] > b[k] ? d : 0; });
      ths.forEach(function (th) {
        th.setAttribute('aria-sort', th.getAttribute('data-key') === k ? (state.desc ? 'descending' : 'ascending') : 'none');
      });
      tbody.textContent = '';
      rows.slice(0, opts.limit).forEach(function (r) {
        tbody.appendChild(el('tr', null, opts.columns.map(function (c) {
          return el('td', {'class': c.num ? 'num' : (c.key === 'class' ? 'cls' : null)}, c.render ? c.render(r) : String(r[c.key]));
        })));
      });
      status.textContent = (q ? count(rows.length) + ' of ' + count(opts.rows.length) + ' classes match'
        : count(opts.rows.length) + ' classes') + (rows.length > opts.limit ? '; the first ' + count(opts.limit) + ' are listed' : '');
    }
    render();
    return {
      element: el('div', null, el('div', {'class': 'filter'}, el('label', {'for': input.id}, 'Filter'), input, status),
        el('div', {'class': 'scroll'}, tableEl)),
      input: input, tbody: tbody, sortBy: sortBy
    };
  }

  /** Squarified treemap layout (Bruls, Huizing, van Wijk) of items with a positive {@code value}. */
  function squarify(items, x, y, w, h) {
    var out = [], total = 0;
    items.forEach(function (i) { total += i.value; });
    if (total <= 0 || w <= 0 || h <= 0) return out;
    var scale = w * h / total;
    var rest = items.filter(function (i) { return i.value > 0; })
      .sort(function (a, b) { return b.value - a.value; })
      .map(function (i) { return {item: i, area: i.value * scale}; });
    function worst(row, side) {
      var sum = 0, max = 0, min = Infinity;
      row.forEach(function (r) { sum += r.area; max = Math.max(max, r.area); min = Math.min(min, r.area); });
      return Math.max(side * side * max / (sum * sum), sum * sum / (side * side * min));
    }
    while (rest.length) {
      var side = Math.min(w, h), row = [rest[0]], best = worst(row, side), i = 1;
      while (i < rest.length) {
        var cand = row.concat([rest[i]]), wv = worst(cand, side);
        if (wv > best) break;
        row = cand; best = wv; i++;
      }
      var area = 0;
      row.forEach(function (r) { area += r.area; });
      if (w >= h) {
        var cw = area / h, cy = y;
        row.forEach(function (r) { var rh = r.area / cw; out.push({item: r.item, x: x, y: cy, w: cw, h: rh}); cy += rh; });
        x += cw; w -= cw;
      } else {
        var rh = area / w, cx = x;
        row.forEach(function (r) { var rw = r.area / rh; out.push({item: r.item, x: cx, y: y, w: rw, h: rh}); cx += rw; });
        y += rh; h -= rh;
      }
      rest = rest.slice(row.length);
    }
    return out;
  }

  /**
   * Draws a two-level treemap: items [{label, value, color, title, onclick, children: [{label, value, title}]}].
   */
  function treemap(items, opts) {
    var W = opts.width || 1100, H = opts.height || 440, pad = 18;
    var root = svg('svg', {'class': 'treemap', viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': opts.label});
    squarify(items, 0, 0, W, H).forEach(function (t) {
      var it = t.item;
      var g = svg('g', {'class': 'tile'});
      if (it.onclick) {
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        g.setAttribute('aria-label', it.title);
        g.addEventListener('click', it.onclick);
        g.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); it.onclick(); } });
      }
      var title = svg('title');
      title.textContent = it.title;
      g.appendChild(title);
      g.appendChild(svg('rect', {x: t.x, y: t.y, width: Math.max(0, t.w), height: Math.max(0, t.h), fill: it.color}));
      var kids = (it.children || []).filter(function (c) { return c.value > 0; });
      if (kids.length && t.w > 60 && t.h > 50) {
        squarify(kids, t.x + 3, t.y + pad, t.w - 6, t.h - pad - 3).forEach(function (k) {
          var kt = svg('title');
          kt.textContent = k.item.title;
          var kg = svg('g');
          kg.appendChild(kt);
          kg.appendChild(svg('rect', {x: k.x, y: k.y, width: Math.max(0, k.w), height: Math.max(0, k.h),
            fill: k.item.color || 'rgba(255,255,255,0.22)'}));
          label(kg, k.item.label, k.x, k.y, k.w, k.h, k.item.dark);
          g.appendChild(kg);
        });
      }
      label(g, it.label, t.x, t.y, t.w, kids.length && t.w > 60 && t.h > 50 ? pad : t.h, it.dark);
      root.appendChild(g);
    });
    return root;
  }

  function label(g, text, x, y, w, h, dark) {
    if (w < 40 || h < 14) return;
    var max = Math.floor((w - 8) / 6.6);
    var s = text.length > max ? text.substring(0, Math.max(1, max - 1)) + '\u2026' : text;
    var t = svg('text', {x: x + 4, y: y + 13, 'class': dark ? 'dark' : ''});
    t.textContent = s;
    g.appendChild(t);
  }

  /** Pages register a self-test; opening the page with #selftest (or #selftest=TERM) runs them. */
  function selftest(fn) { selftests.push(fn); }

  function render(fn) { renderers.push(fn); }

  function start() {
    var app = document.getElementById('app');
    try {
      renderers.forEach(function (fn) { fn(app); });
    } catch (e) {
      window.__lh.errors.push('render: ' + e);
      app.appendChild(el('p', {role: 'alert'}, 'This report could not be drawn: ' + e));
    }
    var hash = decodeURIComponent(location.hash || '');
    if (hash.indexOf('#selftest') === 0) {
      var arg = hash.indexOf('=') > 0 ? hash.substring(hash.indexOf('=') + 1) : '';
      var result = {};
      selftests.forEach(function (fn) {
        try { Object.assign(result, fn(arg)); } catch (e) { window.__lh.errors.push('selftest: ' + e); }
      });
      result.errors = window.__lh.errors;
      result.violations = window.__lh.violations;
      result.resources = performance.getEntriesByType('resource').map(function (r) { return r.name; });
      var pre = document.getElementById('selftest');
      pre.textContent = JSON.stringify(result);
      pre.hidden = false;
    }
  }

  return {data: data, bytes: bytes, count: count, pct: pct, el: el, svg: svg, section: section,
    simpleName: simpleName, stepText: stepText, chain: chain, suspectChain: suspectChain,
    mainElement: mainElement, signedBytes: signedBytes, signedCount: signedCount, table: table, squarify: squarify,
    treemap: treemap, selftest: selftest, render: render, start: start};
})();
