/* leakhound analysis page: draws the embedded report (the JSON report contract) with the helpers of LH. */
(function () {
  'use strict';
  var el = LH.el, bytes = LH.bytes, count = LH.count, pct = LH.pct;
  var HISTOGRAM_ROWS = 500;
  var COLORS = ['#2456c7', '#b3261e', '#1e6b35', '#8a5a00', '#6b3fa0', '#00707a', '#a0406b', '#4d5d7a',
    '#2f7d9e', '#7a6a2f'];

  LH.render(function (app) {
    var r = LH.data('leakhound-report');
    var page = LH.data('leakhound-page');
    var reachable = r.heap.reachableBytes || 1;
    app.appendChild(header(r));
    app.appendChild(summary(r, page, reachable));
    app.appendChild(suspects(r, reachable));
    app.appendChild(memory(r, reachable));
    app.appendChild(dominators(r, reachable));
    app.appendChild(histogram(r, page, reachable));
    app.appendChild(findings(r));
    app.appendChild(footer(r, page));
  });

  function header(r) {
    var d = r.dump;
    var when = d.timestampMillis ? new Date(d.timestampMillis).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : null;
    return el('header', {'class': 'page'},
      el('div', null, el('h1', null, 'Heap report'),
        el('div', {'class': 'muted'}, el('code', null, d.path), ' \u00b7 ', bytes(d.bytes), d.gzip ? ' (gzip)' : '',
          when ? ' \u00b7 dumped ' + when : '')),
      el('div', {'class': 'muted'}, r.tool.name + ' ' + r.tool.version));
  }

  function summary(r, page, reachable) {
    var s = LH.section('summary', 'Summary');
    var h = r.heap, top = r.suspects[0];
    var verdict;
    if (top) {
      verdict = el('div', {'class': 'verdict bad', id: 'verdict'},
        el('div', {'class': 'headline'}, r.suspects.length === 1 ? 'One leak suspect' : r.suspects.length + ' leak suspects'),
        el('p', {id: 'top-suspect'}, el('strong', null, 'The top suspect: '), top.title + '.'),
        el('p', null, el('strong', null, 'Fix: '), top.advice),
        el('p', null, el('a', {href: '#suspect-' + top.rank}, 'See the path from the GC root and what piles up \u2193')));
    } else {
      verdict = el('div', {'class': 'verdict good', id: 'verdict'},
        el('div', {'class': 'headline'}, 'No leak suspects'),
        el('p', null, 'No object or region retains a large share of the heap. The largest holders are listed under ',
          el('a', {href: '#dominators'}, 'Dominator tree'), '.'));
    }
    if (r.dump.truncated) {
      verdict.appendChild(el('p', {id: 'verdict-truncated'}, el('span', {'class': 'badge warn'}, 'truncated dump'),
        ' The dump ends early, so objects and references are missing: this verdict may be incomplete.'));
    }
    s.appendChild(verdict);
    var cards = [
      [bytes(h.reachableBytes), 'reachable (' + count(h.reachableObjects) + ' objects)'],
      [bytes(h.unreachableBytes), 'unreachable (' + count(h.unreachableObjects) + ' objects)' +
        (h.weaklyReachableObjects ? ', ' + bytes(h.weaklyReachableBytes) + ' only weakly held' : '')],
      [count(h.objects), 'objects'],
      [count(h.classes), 'classes'],
      [count(h.gcRoots), 'GC roots'],
      [bytes(r.dump.bytes), 'dump file' + (r.dump.gzip ? ' (gzip)' : '')]
    ];
    s.appendChild(el('div', {'class': 'cards'}, cards.map(function (c) {
      return el('div', {'class': 'card'}, el('div', {'class': 'v'}, c[0]), el('div', {'class': 'k'}, c[1]));
    })));
    if (r.dump.warnings.length) {
      s.appendChild(el('p', {id: 'summary-warnings'}, el('span', {'class': 'badge warn'}, r.dump.truncated ? 'truncated dump' : 'warnings'),
        ' ', r.dump.warnings.length === 1 ? 'One warning' : r.dump.warnings.length + ' warnings',
        ' about the dump: see ', el('a', {href: '#findings'}, 'Findings and warnings'), '.'));
    }
    return s;
  }

  function suspects(r, reachable) {
    var s = LH.section('suspects', 'Leak suspects');
    if (!r.suspects.length) {
      s.appendChild(el('p', null, 'None: no object or region retains a large share of the heap.'));
      return s;
    }
    r.suspects.forEach(function (x) {
      var a = x.accumulation;
      var art = el('article', {'class': 'suspect', id: 'suspect-' + x.rank, 'aria-labelledby': 'suspect-' + x.rank + '-h'},
        el('h3', {id: 'suspect-' + x.rank + '-h'}, '#' + x.rank + ' ',
          x.pattern ? el('span', {'class': 'badge', title: 'pattern'}, x.pattern) : el('span', {'class': 'badge none'}, 'no known pattern'),
          ' ', x.title),
        el('div', {'class': 'muted'}, 'Retains ' + bytes(x.retainedBytes) + ', ' + pct(x.heapShare) + ' of the reachable heap'),
        el('div', {'class': 'sharebar', role: 'presentation'}, el('span', {'data-share': x.heapShare})),
        LH.suspectChain(x));
      art.querySelector('.sharebar > span').style.width = Math.min(100, x.heapShare * 100).toFixed(1) + '%';
      if (a && a.elementClasses.length) {
        var max = a.elementClasses[0].retainedBytes || 1;
        art.appendChild(el('table', {'class': 'elements'},
          el('caption', {'class': 'note'}, 'What piles up in ' + a['class'] + ' ' + a.id + ' (' + count(a.elements) + ' elements)'),
          el('thead', null, el('tr', null, el('th', {scope: 'col'}, 'element class'), el('th', {scope: 'col', 'class': 'num'}, 'instances'),
            el('th', {scope: 'col', 'class': 'num'}, 'retained'))),
          el('tbody', null, a.elementClasses.map(function (e) {
            var bar = el('span', {'class': 'bar'});
            bar.style.width = Math.max(2, Math.round(120 * e.retainedBytes / max)) + 'px';
            return el('tr', null, el('td', {'class': 'cls'}, e['class']), el('td', {'class': 'num'}, count(e.instances)),
              el('td', {'class': 'num'}, bar, bytes(e.retainedBytes)));
          }))));
      }
      art.appendChild(el('div', {'class': 'advice'}, el('strong', null, 'Fix: '), x.advice));
      s.appendChild(art);
    });
    return s;
  }

  function memory(r, reachable) {
    var s = LH.section('memory', 'Where the memory goes');
    var items = [], covered = 0;
    r.dominators.forEach(function (d, i) {
      covered += d.retainedBytes;
      var childSum = 0;
      var kids = d.children.map(function (c) {
        childSum += c.retainedBytes;
        var via = c.via && c.via[0] ? LH.stepText(c.via[0]) : c['class'] + ' (held indirectly)';
        var name = c.via && c.via[0] && c.via[0].field ? c.via[0].field + ' \u2192 ' : '';
        return {label: name + LH.simpleName(c['class']) + ' ' + bytes(c.retainedBytes), value: c.retainedBytes,
          title: via + ': ' + bytes(c.retainedBytes)};
      });
      if (d.retainedBytes - childSum > 0 && kids.length) {
        kids.push({label: 'itself and the rest', value: d.retainedBytes - childSum, color: 'rgba(0,0,0,0.12)',
          title: d['class'] + ' itself and its smaller children: ' + bytes(d.retainedBytes - childSum)});
      }
      items.push({label: LH.simpleName(d['class']) + ' ' + bytes(d.retainedBytes) + ' (' + pct(d.retainedBytes / reachable) + ')',
        value: d.retainedBytes, color: COLORS[i % COLORS.length], children: kids,
        title: '#' + (i + 1) + ' ' + d['class'] + ' ' + d.id + ' retains ' + bytes(d.retainedBytes) + ' (' + pct(d.retainedBytes / reachable) + ')',
        onclick: function () { openDominator(i); }});
    });
    if (reachable - covered > 0 && r.heap.reachableBytes) {
      items.push({label: 'everything else ' + bytes(reachable - covered), value: reachable - covered, color: '#d5dae3', dark: true,
        title: 'Objects outside the top ' + r.dominators.length + ' dominators: ' + bytes(reachable - covered)});
    }
    s.appendChild(el('p', {'class': 'note'}, 'The reachable heap, split by the top objects of the dominator tree (each ' +
      'tile is what one object alone keeps alive) and, inside each, its largest children. Select a tile to see it in the table below.'));
    if (!items.length) {
      s.appendChild(el('p', null, 'Nothing to draw: no reachable objects were found.'));
      return s;
    }
    s.appendChild(LH.treemap(items, {label: 'Treemap of the reachable heap by the top dominators'}));
    return s;
  }

  var dominatorButtons = [];

  function openDominator(i) {
    var b = dominatorButtons[i];
    if (!b) return;
    if (b.getAttribute('aria-expanded') !== 'true') b.click();
    b.focus();
    b.scrollIntoView({block: 'center'});
  }

  function dominators(r, reachable) {
    var s = LH.section('dominators', 'Dominator tree');
    if (!r.dominators.length) {
      s.appendChild(el('p', {id: 'dominators-note'}, 'No objects of the dominator tree are in this report' +
        (r.heap.reachableObjects ? ' (run leakhound analyze with --top N to include them).' : ': nothing is reachable.')));
      return s;
    }
    s.appendChild(el('p', {'class': 'note', id: 'dominators-note'}, 'The top ' + r.dominators.length +
      ' objects of the dominator tree by retained size, each with its path from a GC root and its (up to 3) largest children.' +
      ' Only these are embedded in this file, to keep it small on huge dumps; run leakhound analyze with --top N for more.'));
    var tbody = el('tbody');
    r.dominators.forEach(function (d, i) {
      var detailId = 'dom-' + i + '-detail';
      var button = el('button', {'class': 'expand', type: 'button', 'aria-expanded': 'false', 'aria-controls': detailId,
        'aria-label': 'Show the path and children of ' + d['class']}, '+');
      dominatorButtons.push(button);
      var detailRows = [];
      var detail = el('tr', {'class': 'detail', id: detailId, hidden: true},
        el('td'), el('td', {colspan: 5}, el('div', {'class': 'note'}, 'Path from a GC root'), LH.chain(d.path)));
      detailRows.push(detail);
      d.children.forEach(function (c) {
        detailRows.push(el('tr', {'class': 'child', hidden: true},
          el('td'), el('td', {'class': 'cls'}, '\u2514 ', c['class'], el('div', {'class': 'note'},
            c.via && c.via[0] ? 'via ' + LH.stepText(c.via[0]) : 'held indirectly')),
          el('td', {'class': 'mono'}, c.id), el('td', {'class': 'num'}, bytes(c.retainedBytes)),
          el('td', {'class': 'num'}, pct(c.retainedBytes / reachable)), el('td', {'class': 'num'}, '')));
      });
      button.addEventListener('click', function () {
        var open = button.getAttribute('aria-expanded') !== 'true';
        button.setAttribute('aria-expanded', String(open));
        button.textContent = open ? '\u2212' : '+';
        detailRows.forEach(function (tr) { tr.hidden = !open; });
      });
      tbody.appendChild(el('tr', {id: 'dom-' + i}, el('td', null, button), el('td', {'class': 'cls'}, d['class']),
        el('td', {'class': 'mono'}, d.id), el('td', {'class': 'num'}, bytes(d.retainedBytes)),
        el('td', {'class': 'num'}, pct(d.retainedBytes / reachable)), el('td', {'class': 'num'}, bytes(d.shallowBytes))));
      detailRows.forEach(function (tr) { tbody.appendChild(tr); });
    });
    s.appendChild(el('table', {id: 'dominator-table'},
      el('thead', null, el('tr', null, el('th', {scope: 'col'}, el('span', {'class': 'skip'}, 'expand')),
        el('th', {scope: 'col'}, 'class'), el('th', {scope: 'col'}, 'id'), el('th', {scope: 'col', 'class': 'num'}, 'retained'),
        el('th', {scope: 'col', 'class': 'num'}, 'share'), el('th', {scope: 'col', 'class': 'num'}, 'shallow'))),
      tbody));
    return s;
  }

  var histogramTable;

  function histogram(r, page, reachable) {
    var s = LH.section('histogram', 'Class histogram');
    var note = 'Every class with its instances, shallow size and retained size (what the set of its instances keeps alive).';
    if (page.histogramEmbedded < page.histogramClasses) {
      note += ' The dump has ' + count(page.histogramClasses) + ' classes; the ' + count(page.histogramEmbedded) +
        ' that retain the most are embedded in this file (the JSON report has all of them).';
    }
    s.appendChild(el('p', {'class': 'note', id: 'histogram-note'}, note));
    var rows = r.histogram.map(function (c) {
      return {'class': c['class'], instances: c.instances, shallowBytes: c.shallowBytes, retainedBytes: c.retainedBytes};
    });
    histogramTable = LH.table({id: 'histogram-table', rows: rows, sortKey: 'retainedBytes', limit: HISTOGRAM_ROWS,
      columns: [
        {key: 'class', label: 'class'},
        {key: 'instances', label: 'instances', num: true, render: function (x) { return count(x.instances); }},
        {key: 'shallowBytes', label: 'shallow', num: true, render: function (x) { return bytes(x.shallowBytes); }},
        {key: 'retainedBytes', label: 'retained', num: true, render: function (x) { return bytes(x.retainedBytes); }},
        {key: 'share', label: 'share', num: true, render: function (x) { return pct(x.retainedBytes / reachable); }}
      ]});
    rows.forEach(function (x) { x.share = x.retainedBytes; });
    s.appendChild(histogramTable.element);
    return s;
  }

  function findings(r) {
    var s = LH.section('findings', 'Findings and warnings');
    if (!r.findings.length && !r.dump.warnings.length) {
      s.appendChild(el('p', null, 'None.'));
      return s;
    }
    if (r.findings.length) {
      s.appendChild(el('ul', {'class': 'findings'}, r.findings.map(function (f) {
        return el('li', null, el('span', {'class': 'badge' + (f.severity === 'info' ? ' none' : ' warn')}, f.pattern),
          ' ', f.message, f.bytes ? ' (' + bytes(f.bytes) + ')' : '');
      })));
    }
    if (r.dump.warnings.length) {
      s.appendChild(el('h3', null, 'About the dump'));
      s.appendChild(el('ul', {'class': 'warnings', id: 'warnings'}, r.dump.warnings.map(function (w) {
        return el('li', null, el('span', {'class': 'badge warn'}, 'warning'), ' ', w);
      })));
    }
    return s;
  }

  function footer(r, page) {
    var t = r.timings.map(function (x) { return x.phase + ' ' + x.seconds.toFixed(2) + ' s'; }).join(', ');
    return el('footer', null,
      el('p', null, page.valuesShown ? 'Heap values (such as thread names) are shown: this report was made with --show-values.'
        : 'Heap values (string contents, thread names, primitive values) are not in this report; leakhound shows them only with --show-values.'),
      el('p', null, 'Sizes: ' + r.dump.sizeModel + '. ' + r.dump.format + ', ' + r.dump.idSize + '-byte ids.'),
      t ? el('p', null, 'Analysis time: ' + t + '.') : null,
      el('p', null, 'Written by ' + r.tool.name + ' ' + r.tool.version + '. This file is self-contained: it loads nothing when opened.'));
  }

  LH.selftest(function (term) {
    term = term || 'a';
    var t = histogramTable;
    var before = t.tbody.rows.length;
    t.input.value = term;
    t.input.dispatchEvent(new Event('input'));
    var after = t.tbody.rows.length;
    var firstAfter = after ? t.tbody.rows[0].cells[0].textContent : null;
    t.input.value = '';
    t.input.dispatchEvent(new Event('input'));
    t.sortBy('instances');
    var first = t.tbody.rows[0] && t.tbody.rows[0].cells[1].textContent;
    t.sortBy('retainedBytes');
    var b = dominatorButtons[0], expanded = false;
    if (b) {
      b.click();
      expanded = b.getAttribute('aria-expanded') === 'true' && !document.getElementById('dom-0-detail').hidden;
      b.click();
    }
    return {
      filterTerm: term, histogramRowsBefore: before, histogramRowsAfter: after, histogramFirstAfter: firstAfter,
      sortedByInstancesFirst: first, dominatorExpands: expanded,
      summary: document.getElementById('summary').textContent,
      chainNodes: document.querySelectorAll('#suspects ol.chain > li').length,
      treemapTiles: document.querySelectorAll('#memory svg g.tile').length
    };
  });
})();
