/* leakhound diff page: draws the embedded comparison (the diff JSON) with the helpers of LH. */
(function () {
  'use strict';
  var el = LH.el, bytes = LH.bytes, count = LH.count, sb = LH.signedBytes, sc = LH.signedCount;
  var CLASS_ROWS = 500;
  var HOLDERS = 10;
  var CLASS_BARS = 10;

  LH.render(function (app) {
    var d = LH.data('leakhound-diff');
    var page = LH.data('leakhound-page');
    app.appendChild(header(d));
    app.appendChild(summary(d, page));
    app.appendChild(holders(d, page));
    app.appendChild(classBars(d));
    app.appendChild(classTable(d, page));
    app.appendChild(suspects(d));
    app.appendChild(warnings(d));
    app.appendChild(footer(d, page));
  });

  function when(ms) {
    return ms ? new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : null;
  }

  /** Seconds between the dumps in a short human unit, or null when a timestamp is missing. */
  function between(d) {
    var a = d.oldDump.timestampMillis, b = d.newDump.timestampMillis;
    if (!a || !b || b <= a) return null;
    var s = (b - a) / 1000;
    if (s < 120) return s.toFixed(0) + ' s';
    if (s < 7200) return (s / 60).toFixed(0) + ' min';
    if (s < 172800) return (s / 3600).toFixed(1) + ' h';
    return (s / 86400).toFixed(1) + ' days';
  }

  function dumpLine(label, x) {
    var t = when(x.timestampMillis);
    return el('div', {'class': 'muted'}, label + ' ', el('code', null, x.path), ' \u00b7 ', bytes(x.bytes),
      x.gzip ? ' (gzip)' : '', t ? ' \u00b7 dumped ' + t : '');
  }

  function header(d) {
    return el('header', {'class': 'page'},
      el('div', null, el('h1', null, 'Heap diff: what grew'), dumpLine('old:', d.oldDump), dumpLine('new:', d.newDump)),
      el('div', {'class': 'muted'}, d.tool.name + ' ' + d.tool.version));
  }

  function growthClass(g) {
    return g > 0 ? 'grew-text' : g < 0 ? 'shrank-text' : null;
  }

  function summary(d, page) {
    var s = LH.section('summary', 'Summary');
    var top = d.holders[0], topClass = d.classes.filter(function (c) { return c.retainedGrowth > 0; })[0];
    var box;
    if (top && top.retainedGrowth > 0) {
      var rank = page.holderSuspects[0];
      var suspect = rank ? d.suspects.filter(function (x) { return x.rank === rank; })[0] : null;
      box = el('div', {'class': 'verdict bad', id: 'verdict'},
        el('div', {'class': 'headline'}, 'What grew most'),
        el('p', {id: 'top-growth'}, top.title + '. ',
          top.pattern ? el('span', {'class': 'badge', title: 'pattern'}, top.pattern) : el('span', {'class': 'badge none'}, 'no known pattern')),
        suspect ? el('p', null, el('strong', null, 'Fix: '), suspect.advice) : null,
        suspect ? el('p', null, el('a', {href: '#suspect-' + suspect.rank}, 'See its path from the GC root \u2193')) : null);
    } else if (topClass) {
      box = el('div', {'class': 'verdict bad', id: 'verdict'},
        el('div', {'class': 'headline'}, 'What grew most'),
        el('p', {id: 'top-growth'}, 'No tracked holder grew; the class that grew most is ', el('code', null, topClass['class']),
          ': ' + bytes(topClass.oldRetainedBytes) + ' \u2192 ' + bytes(topClass.newRetainedBytes) + ' retained (' +
          sb(topClass.retainedGrowth) + '), ' + count(topClass.oldInstances) + ' \u2192 ' + count(topClass.newInstances) + ' instances.'));
    } else {
      box = el('div', {'class': 'verdict good', id: 'verdict'},
        el('div', {'class': 'headline'}, 'Nothing grew'),
        el('p', {id: 'top-growth'}, 'No holder and no class retains more in the new dump than in the old one.'));
    }
    if (d.oldDump.truncated || d.newDump.truncated) {
      box.appendChild(el('p', null, el('span', {'class': 'badge warn'}, 'truncated dump'),
        ' One of the dumps ends early, so objects are missing from it: growth may be over- or understated.'));
    }
    s.appendChild(box);
    var o = d.oldHeap, n = d.newHeap, span = between(d);
    var cards = [
      [sb(n.reachableBytes - o.reachableBytes), 'reachable: ' + bytes(o.reachableBytes) + ' \u2192 ' + bytes(n.reachableBytes)],
      [sc(n.reachableObjects - o.reachableObjects), 'reachable objects: ' + count(o.reachableObjects) + ' \u2192 ' + count(n.reachableObjects)],
      [sc(n.classes - o.classes), 'classes: ' + count(o.classes) + ' \u2192 ' + count(n.classes)],
      [span || '?', span ? 'between the dumps' : 'between the dumps (no timestamps)'],
      [String(d.suspects.length), d.suspects.length === 1 ? 'leak suspect in the new dump' : 'leak suspects in the new dump']
    ];
    s.appendChild(el('div', {'class': 'cards'}, cards.map(function (c) {
      return el('div', {'class': 'card'}, el('div', {'class': 'v'}, c[0]), el('div', {'class': 'k'}, c[1]));
    })));
    var nw = d.oldDump.warnings.length + d.newDump.warnings.length;
    if (nw) {
      s.appendChild(el('p', {id: 'summary-warnings'}, el('span', {'class': 'badge warn'}, 'warnings'), ' ',
        nw === 1 ? 'One warning' : nw + ' warnings', ' about the dumps: see ', el('a', {href: '#warnings'}, 'Warnings'), '.'));
    }
    return s;
  }

  /** A before/after pair of bars scaled to {@code max}: old grey, new blue (red when it grew). */
  function pair(label, oldV, newV, max, fmt, delta) {
    function row(w, v, cls) {
      var bar = el('span', {'class': 'bar ' + cls, 'data-value': v});
      bar.style.width = (max > 0 ? Math.max(v > 0 ? 0.5 : 0, 100 * v / max) : 0).toFixed(2) + '%';
      return el('div', {'class': 'pairrow'}, el('span', {'class': 'when'}, w), el('span', {'class': 'track'}, bar),
        el('span', {'class': 'val'}, fmt(v)));
    }
    return el('div', {'class': 'pair'}, el('div', {'class': 'k'}, label, ' ',
      el('span', {'class': growthClass(newV - oldV)}, delta(newV - oldV))),
      row('before', oldV, 'old'), row('after', newV, 'new' + (newV > oldV ? ' grew' : '')));
  }

  function holders(d, page) {
    var s = LH.section('holders', 'Growth by holder');
    s.appendChild(el('p', {'class': 'note'}, 'The new dump\u2019s leak suspects and largest objects of the dominator tree, ' +
      'found in the old dump by the same path from a GC root; by growth of what they retain.'));
    if (!d.holders.length) {
      s.appendChild(el('p', null, 'No holders to compare.'));
      return s;
    }
    var changed = [];
    d.holders.forEach(function (h, i) { if (h.retainedGrowth !== 0 && changed.length < HOLDERS) changed.push(i); });
    if (!changed.length) {
      s.appendChild(el('p', {id: 'holders-note'}, 'None of the ' + d.holders.length + ' holders changed.'));
      return s;
    }
    changed.forEach(function (i) {
      var h = d.holders[i];
      var max = Math.max(h.oldRetainedBytes, h.newRetainedBytes);
      var pairs = [pair('retained', h.oldRetainedBytes, h.newRetainedBytes, max, bytes, sb)];
      if (h.oldElements !== undefined && h.newElements !== undefined) {
        pairs.push(pair('entries', h.oldElements, h.newElements, Math.max(h.oldElements, h.newElements), count, sc));
      }
      var rank = page.holderSuspects[i];
      s.appendChild(el('article', {'class': 'holder', id: 'holder-' + i},
        el('h3', null, h.holder, ' ', h.pattern ? el('span', {'class': 'badge'}, h.pattern) : null,
          h.foundInOld ? null : el('span', {'class': 'badge warn'}, 'new'),
          rank ? el('a', {href: '#suspect-' + rank, 'class': 'note'}, ' suspect #' + rank) : null),
        el('p', null, h.title, el('span', {'class': 'muted'}, ' \u00b7 ' + h['class'])),
        el('div', {'class': 'pairs'}, pairs)));
    });
    if (d.holders.length > changed.length) {
      s.appendChild(el('p', {'class': 'note', id: 'holders-note'}, (d.holders.length - changed.length) +
        ' more holders changed less or not at all; the terminal output and the JSON diff list them.'));
    }
    return s;
  }

  function classBars(d) {
    var s = LH.section('class-growth', 'Growth by class');
    var grew = d.classes.filter(function (c) { return c.retainedGrowth > 0 || c.newInstances > c.oldInstances; })
      .sort(function (a, b) { return b.retainedGrowth - a.retainedGrowth || (b.newInstances - b.oldInstances) - (a.newInstances - a.oldInstances); })
      .slice(0, CLASS_BARS);
    if (!grew.length) {
      s.appendChild(el('p', null, 'No class grew.'));
      return s;
    }
    s.appendChild(el('p', {'class': 'note'}, 'The ' + grew.length + ' classes whose retained size grew most: retained size ' +
      '(what the set of their instances keeps alive) and instances, before and after.'));
    var maxR = 0, maxI = 0;
    grew.forEach(function (c) {
      maxR = Math.max(maxR, c.oldRetainedBytes, c.newRetainedBytes);
      maxI = Math.max(maxI, c.oldInstances, c.newInstances);
    });
    grew.forEach(function (c) {
      s.appendChild(el('article', {'class': 'holder'}, el('h3', null, c['class']),
        el('div', {'class': 'pairs'},
          pair('retained', c.oldRetainedBytes, c.newRetainedBytes, maxR, bytes, sb),
          pair('instances', c.oldInstances, c.newInstances, maxI, count, sc))));
    });
    return s;
  }

  var classTableRef;

  function classTable(d, page) {
    var s = LH.section('classes', 'All classes');
    var note = 'Every class in either dump with its instances and retained size before and after; sortable by any column, filterable by name.';
    if (page.classesEmbedded < page.classes) {
      note += ' The dumps have ' + count(page.classes) + ' classes; the ' + count(page.classesEmbedded) +
        ' whose retained size changed the most are embedded in this file (the JSON diff has all of them).';
    }
    s.appendChild(el('p', {'class': 'note', id: 'classes-note'}, note));
    var max = 1;
    var rows = d.classes.map(function (c) {
      max = Math.max(max, c.oldRetainedBytes, c.newRetainedBytes);
      return {'class': c['class'], oldInstances: c.oldInstances, newInstances: c.newInstances,
        instanceGrowth: c.newInstances - c.oldInstances, oldRetainedBytes: c.oldRetainedBytes,
        newRetainedBytes: c.newRetainedBytes, retainedGrowth: c.retainedGrowth};
    });
    function mini(x) {
      var o = el('span', {'class': 'bar old'}), n = el('span', {'class': 'bar new' + (x.retainedGrowth > 0 ? ' grew' : '')});
      o.style.width = (100 * x.oldRetainedBytes / max).toFixed(2) + '%';
      n.style.width = (100 * x.newRetainedBytes / max).toFixed(2) + '%';
      return el('span', {'class': 'minibars', 'aria-hidden': 'true'}, o, n);
    }
    classTableRef = LH.table({id: 'class-table', rows: rows, sortKey: 'retainedGrowth', limit: CLASS_ROWS,
      columns: [
        {key: 'class', label: 'class'},
        {key: 'retainedGrowth', label: 'retained \u0394', num: true, render: function (x) {
          return el('span', {'class': growthClass(x.retainedGrowth)}, sb(x.retainedGrowth)); }},
        {key: 'oldRetainedBytes', label: 'retained before', num: true, render: function (x) { return bytes(x.oldRetainedBytes); }},
        {key: 'newRetainedBytes', label: 'retained after', num: true, render: function (x) { return [mini(x), bytes(x.newRetainedBytes)]; }},
        {key: 'instanceGrowth', label: 'instances \u0394', num: true, render: function (x) {
          return el('span', {'class': growthClass(x.instanceGrowth)}, sc(x.instanceGrowth)); }},
        {key: 'oldInstances', label: 'instances before', num: true, render: function (x) { return count(x.oldInstances); }},
        {key: 'newInstances', label: 'instances after', num: true, render: function (x) { return count(x.newInstances); }}
      ]});
    s.appendChild(classTableRef.element);
    return s;
  }

  function suspects(d) {
    var s = LH.section('suspects', 'Leak suspects in the new dump, by growth');
    if (!d.suspects.length) {
      s.appendChild(el('p', null, 'None: no object or region retains a large share of the new dump\u2019s heap.'));
      return s;
    }
    var growth = {};
    d.holders.forEach(function (h) {
      var last = h.path[h.path.length - 1];
      if (last) growth[last.id] = h;
    });
    d.suspects.forEach(function (x) {
      var last = x.path[x.path.length - 1];
      var h = last ? growth[last.id] : null;
      s.appendChild(el('article', {'class': 'suspect', id: 'suspect-' + x.rank, 'aria-labelledby': 'suspect-' + x.rank + '-h'},
        el('h3', {id: 'suspect-' + x.rank + '-h'}, '#' + x.rank + ' ',
          x.pattern ? el('span', {'class': 'badge', title: 'pattern'}, x.pattern) : el('span', {'class': 'badge none'}, 'no known pattern'),
          ' ', x.title),
        el('div', {'class': 'muted'}, 'Retains ' + bytes(x.retainedBytes) + ', ' + LH.pct(x.heapShare) + ' of the new reachable heap' +
          (h ? '; ' + h.title : '')),
        LH.suspectChain(x),
        el('div', {'class': 'advice'}, el('strong', null, 'Fix: '), x.advice)));
    });
    return s;
  }

  function warnings(d) {
    var s = LH.section('warnings', 'Warnings');
    var any = false;
    [['Old dump', d.oldDump], ['New dump', d.newDump]].forEach(function (p) {
      if (!p[1].warnings.length) return;
      any = true;
      s.appendChild(el('h3', null, p[0] + ' ', el('code', null, p[1].path)));
      s.appendChild(el('ul', {'class': 'warnings'}, p[1].warnings.map(function (w) {
        return el('li', null, el('span', {'class': 'badge warn'}, 'warning'), ' ', w);
      })));
    });
    if (!any) s.appendChild(el('p', null, 'None: both dumps were read completely.'));
    return s;
  }

  function footer(d, page) {
    return el('footer', null,
      el('p', null, page.valuesShown ? 'Heap values (such as thread names) are shown: this diff was made with --show-values.'
        : 'Heap values (string contents, thread names, primitive values) are not in this page; leakhound shows them only with --show-values.'),
      el('p', null, 'Sizes: ' + d.newDump.sizeModel + '. Holders are matched by their path from a GC root; classes by name.'),
      el('p', null, 'Written by ' + d.tool.name + ' ' + d.tool.version + '. This file is self-contained: it loads nothing when opened.'));
  }

  LH.selftest(function (term) {
    term = term || 'a';
    var t = classTableRef;
    var before = t.tbody.rows.length;
    t.input.value = term;
    t.input.dispatchEvent(new Event('input'));
    var after = t.tbody.rows.length;
    var firstAfter = after ? t.tbody.rows[0].cells[0].textContent : null;
    t.input.value = '';
    t.input.dispatchEvent(new Event('input'));
    t.sortBy('instanceGrowth');
    var first = t.tbody.rows[0] && t.tbody.rows[0].cells[4].textContent;
    t.sortBy('retainedGrowth');
    var drawn = 0;
    document.querySelectorAll('#holders .bar, #class-growth .bar').forEach(function (b) {
      if (b.getBoundingClientRect().width > 0) drawn++;
    });
    return {
      filterTerm: term, classRowsBefore: before, classRowsAfter: after, classFirstAfter: firstAfter,
      sortedByInstanceGrowthFirst: first,
      summary: document.getElementById('summary').textContent,
      barsDrawn: drawn,
      chainNodes: document.querySelectorAll('#suspects ol.chain > li').length
    };
  });
})();
