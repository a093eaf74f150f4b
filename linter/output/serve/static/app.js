/* govlint serve: the page.  Plain JavaScript, no framework, nothing from the network.
 *
 * Everything a report contains reaches the page as JSON and is put into the
 * document with textContent / createTextNode only (the h() helper below):
 * never as markup, so a title or cell holding <script> shows as text.
 *
 * Views (the address's fragment): #/ drop files; #/b/<batch> the batch
 * summary; #/b/<batch>/r/<n>?rule=CODE&sev=error,warning one report with
 * its findings in place.
 */
(function () {
  'use strict';

  var SEVERITIES = ['error', 'warning', 'info'];
  var CHINESE = {error: '错误', warning: '警告', info: '提示'};
  var RANK = {error: 3, warning: 2, info: 1};
  var state = {rules: {}, extensions: [], limits: null, batches: {}, recent: [], view: null};

  // -- helpers ---------------------------------------------------------------

  function $(id) { return document.getElementById(id); }

  /* An element: attrs (class, text, on<event>, others as attributes), children (nodes or text). */
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) { return; }
      if (key === 'class') { el.className = value; }
      else if (key === 'text') { el.textContent = value; }
      else if (key.slice(0, 2) === 'on') { el.addEventListener(key.slice(2), value); }
      else { el.setAttribute(key, value === true ? '' : String(value)); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return el;
  }

  function clear(el) { while (el.firstChild) { el.removeChild(el.firstChild); } return el; }

  function badge(severity) {
    return h('span', {'class': 'badge sev-' + severity, text: CHINESE[severity] || severity});
  }

  function worst(findings) {
    var best = null;
    findings.forEach(function (f) { if (!best || RANK[f.severity] > RANK[best]) { best = f.severity; } });
    return best;
  }

  function notice(message) {
    var el = $('notice');
    el.textContent = message || '';
    el.hidden = !message;
  }

  function api(path, options) {
    return fetch(path, options || {}).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) { throw new Error(body.error || ('请求失败（' + response.status + '）')); }
        return body;
      });
    });
  }

  function batchUrl(id) { return 'api/batch/' + encodeURIComponent(id); }

  function show(view) {
    ['drop-view', 'batch-view', 'report-view'].forEach(function (name) { $(name).hidden = name !== view; });
    document.body.className = view;
  }

  // -- uploading ------------------------------------------------------------------

  function extensionOf(name) {
    var dot = name.lastIndexOf('.');
    return dot < 0 ? '' : name.slice(dot).toLowerCase();
  }

  /* Files of a folder are checked as `govlint check folder/` would: reports only, hidden ones left out. */
  function fromFolder(path) {
    var parts = path.split('/');
    if (parts.some(function (p) { return p.charAt(0) === '.' || p === '__MACOSX'; })) { return false; }
    var ext = extensionOf(path);
    return ext === '.zip' || state.extensions.indexOf(ext) >= 0;
  }

  function readEntry(entry, path, out) {
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (file) { out.push({file: file, name: path + file.name}); resolve(); }, function () { resolve(); });
      } else if (entry.isDirectory) {
        var reader = entry.createReader();
        var all = [];
        var more = function () {
          reader.readEntries(function (entries) {
            if (!entries.length) {
              Promise.all(all.map(function (e) { return readEntry(e, path + entry.name + '/', out); })).then(resolve);
            } else { all = all.concat(Array.prototype.slice.call(entries)); more(); }
          }, function () { resolve(); });
        };
        more();
      } else { resolve(); }
    });
  }

  function dropped(dataTransfer) {
    var items = Array.prototype.slice.call(dataTransfer.items || []);
    var entries = items.map(function (item) { return item.webkitGetAsEntry ? item.webkitGetAsEntry() : null; });
    if (!entries.length || entries.some(function (e) { return !e; })) {
      return Promise.resolve(Array.prototype.map.call(dataTransfer.files, function (f) { return {file: f, name: f.name}; }));
    }
    var out = [];
    return Promise.all(entries.map(function (e) { return readEntry(e, '', out); })).then(function () {
      return out.filter(function (item) { return item.name.indexOf('/') < 0 || fromFolder(item.name); });
    });
  }

  function upload(items) {
    notice('');
    if (!items.length) { notice('没有可检查的文件。'); return; }
    var limits = state.limits || {files: 200, bytes: 100 * 1024 * 1024};
    var size = items.reduce(function (sum, item) { return sum + item.file.size; }, 0);
    if (items.length > limits.files) {
      notice('一次最多检查 ' + limits.files + ' 份报告（本次 ' + items.length + ' 份），请分批上传。');
      return;
    }
    if (size > limits.bytes) {
      notice('上传的文件合计 ' + (size / 1048576).toFixed(1) + ' MB，超过上限 ' + Math.round(limits.bytes / 1048576) + ' MB，请分批上传。');
      return;
    }
    var form = new FormData();
    items.forEach(function (item) { form.append('files', item.file, item.name); });
    var xhr = new XMLHttpRequest();
    var bar = $('progress-bar');
    var text = $('progress-text');
    $('progress').hidden = false;
    bar.value = 0;
    text.textContent = '正在上传 ' + items.length + ' 个文件…';
    xhr.upload.addEventListener('progress', function (event) {
      if (event.lengthComputable) { bar.value = Math.round(100 * event.loaded / event.total); }
    });
    xhr.upload.addEventListener('load', function () {
      bar.removeAttribute('value');
      text.textContent = '正在检查 ' + items.length + ' 个文件…';
    });
    xhr.addEventListener('load', function () {
      $('progress').hidden = true;
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
      if (xhr.status !== 200) { notice(body.error || ('检查失败（' + xhr.status + '）')); return; }
      state.batches[body.id] = body;
      state.recent.unshift({id: body.id, when: new Date(), reports: body.reports.length, findings: body.findings});
      location.hash = body.reports.length === 1 ? '#/b/' + body.id + '/r/0' : '#/b/' + body.id;
    });
    xhr.addEventListener('error', function () {
      $('progress').hidden = true;
      notice('无法连接检查服务：govlint serve 是否已停止？');
    });
    xhr.open('POST', 'api/check');
    xhr.send(form);
  }

  function setUpDropping() {
    var zone = $('drop-zone');
    ['dragenter', 'dragover'].forEach(function (type) {
      document.addEventListener(type, function (event) {
        event.preventDefault();
        if (!$('drop-view').hidden) { zone.classList.add('over'); }
      });
    });
    ['dragleave', 'dragend'].forEach(function (type) {
      document.addEventListener(type, function () { zone.classList.remove('over'); });
    });
    document.addEventListener('drop', function (event) {
      event.preventDefault();
      zone.classList.remove('over');
      if (!event.dataTransfer) { return; }
      dropped(event.dataTransfer).then(upload);
    });
    $('file-input').addEventListener('change', function (event) {
      var files = Array.prototype.map.call(event.target.files, function (f) { return {file: f, name: f.name}; });
      event.target.value = '';
      upload(files);
    });
    $('folder-input').addEventListener('change', function (event) {
      var files = Array.prototype.map.call(event.target.files, function (f) {
        return {file: f, name: f.webkitRelativePath || f.name};
      }).filter(function (item) { return fromFolder(item.name); });
      event.target.value = '';
      upload(files);
    });
    zone.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); $('file-input').click(); }
    });
  }

  function showDrop() {
    show('drop-view');
    var list = clear($('recent-list'));
    state.recent.forEach(function (entry) {
      list.appendChild(h('li', {}, [h('a', {href: '#/b/' + encodeURIComponent(entry.id),
        text: entry.when.toLocaleTimeString() + '：' + entry.reports + ' 份报告，' + entry.findings + ' 个问题'})]));
    });
    $('recent').hidden = !state.recent.length;
  }

  // -- the batch view -------------------------------------------------------------

  function getBatch(id) {
    if (state.batches[id]) { return Promise.resolve(state.batches[id]); }
    return api(batchUrl(id)).then(function (batch) { state.batches[id] = batch; return batch; });
  }

  function totalsText(counts, reports, findings) {
    return '共 ' + reports + ' 份报告，' + findings + ' 个问题（' +
      SEVERITIES.map(function (s) { return CHINESE[s] + ' ' + counts[s]; }).join('，') + '）';
  }

  function countCell(n, severity) {
    return h('td', {'class': 'n' + (n ? ' sev-text-' + severity : ' zero'), 'data-severity': severity, text: String(n)});
  }

  function showBatch(id) {
    return getBatch(id).then(function (batch) {
      show('batch-view');
      $('batch-totals').textContent = totalsText(batch.counts, batch.reports.length, batch.findings);
      $('export-csv').setAttribute('href', batchUrl(id) + '/findings.csv');
      $('export-json').setAttribute('href', batchUrl(id) + '/findings.json');
      $('export-html').setAttribute('href', batchUrl(id) + '/summary.html');
      var errors = $('batch-errors');
      clear(errors);
      batch.errors.forEach(function (message) { errors.appendChild(h('div', {text: '内部错误：' + message})); });
      errors.hidden = !batch.errors.length;
      var body = clear($('report-table').tBodies[0]);
      batch.reports.forEach(function (report) {
        var href = '#/b/' + encodeURIComponent(id) + '/r/' + report.index;
        body.appendChild(h('tr', {'class': 'report', 'data-path': report.path, 'data-index': report.index,
          onclick: function () { location.hash = href; }}, [
          h('td', {}, [h('a', {href: href, text: report.path})]),
          h('td', {text: report.organ || '—'}), h('td', {text: report.year || '—'}),
          h('td', {text: report.template || '—'}), h('td', {text: report.format || '—'}),
          countCell(report.counts.error, 'error'), countCell(report.counts.warning, 'warning'),
          countCell(report.counts.info, 'info'), h('td', {'class': 'n', 'data-severity': 'total', text: String(report.total)})
        ]));
      });
      var rules = clear($('rule-table').tBodies[0]);
      batch.rules.forEach(function (rule) {
        var row = h('tr', {'class': 'rule', 'data-code': rule.code}, [
          h('td', {text: rule.code}), h('td', {text: rule.name}), h('td', {}, [badge(rule.severity)]),
          h('td', {'class': 'n', 'data-count': 'reports', text: String(rule.reports)}),
          h('td', {'class': 'n', 'data-count': 'findings', text: String(rule.findings)}),
          h('td', {text: rule.summary})
        ]);
        row.addEventListener('click', function () { toggleRule(batch, rule, row); });
        rules.appendChild(row);
      });
      $('no-findings').hidden = batch.rules.length > 0;
    });
  }

  function toggleRule(batch, rule, row) {
    var next = row.nextSibling;
    if (next && next.classList.contains('rule-detail')) { next.parentNode.removeChild(next); return; }
    var links = batch.reports.filter(function (r) { return r.codes && r.codes[rule.code]; }).map(function (r) {
      return h('li', {}, [h('a', {href: '#/b/' + encodeURIComponent(batch.id) + '/r/' + r.index + '?rule=' + encodeURIComponent(rule.code),
        text: r.path}), ' ', h('span', {'class': 'muted', text: r.codes[rule.code] + ' 个'})]);
    });
    var cell = h('td', {colspan: 6}, [explanationBody(rule.code, null), h('p', {text: '涉及的报告：'}), h('ul', {}, links)]);
    row.parentNode.insertBefore(h('tr', {'class': 'rule-detail'}, [cell]), row.nextSibling);
  }

  // -- explanations ----------------------------------------------------------------

  function explanationBody(code, finding) {
    var rule = state.rules[code];
    var box = h('div', {'class': 'explanation-body'});
    if (!rule) { box.appendChild(h('p', {text: '没有找到规则 ' + code + ' 的说明。'})); return box; }
    box.appendChild(h('h3', {}, [badge(rule.severity), ' ', h('span', {text: rule.code + ' ' + rule.name})]));
    box.appendChild(h('p', {'class': 'summary', text: rule.summary}));
    if (finding) {
      box.appendChild(h('div', {'class': 'this-finding'}, [
        h('b', {text: '本条问题：'}), h('span', {text: finding.message}),
        h('div', {'class': 'where', text: '位置：' + finding.where})
      ]));
    }
    rule.sections.forEach(function (section) {
      box.appendChild(h('h4', {text: section.title}));
      section.parts.forEach(function (part) {
        if (part.kind === 'pre') {
          box.appendChild(h('pre', {'class': part.tone ? 'tone-' + part.tone : null, text: part.text}));
        } else if (part.kind === 'li') {
          box.appendChild(h('p', {'class': 'item', text: '• ' + part.text}));
        } else {
          box.appendChild(h('p', {'class': part.tone ? 'tone-' + part.tone : null, text: part.text}));
        }
      });
    });
    return box;
  }

  function showExplanation(finding) {
    var panel = clear($('explanation'));
    panel.appendChild(h('button', {'class': 'close', type: 'button', title: '关闭说明', text: '×',
      onclick: function () { panel.hidden = true; }}));
    panel.appendChild(explanationBody(finding.code, finding));
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  // -- the report view -------------------------------------------------------------

  function parseQuery(query) {
    var params = {};
    (query || '').split('&').forEach(function (part) {
      var kv = part.split('=');
      if (kv.length === 2) { params[kv[0]] = decodeURIComponent(kv[1]); }
    });
    return params;
  }

  function blockElement(block, index) {
    var attrs = {'data-block': index};
    if (block.type === 'table') {
      var rows = block.rows.map(function (cells, r) {
        return h('tr', {'data-row': r}, cells.map(function (text, c) {
          return h('td', {'data-cell': c, text: text});
        }));
      });
      var caption = '表' + block.index + (block.page ? '（第' + block.page + '页）' : '');
      return h('div', {'class': 'table-block', 'data-block': index}, [
        h('div', {'class': 'table-caption', text: caption}),
        h('div', {'class': 'table-scroll'}, [h('table', {'class': 'doc-table'}, [h('tbody', {}, rows)])])
      ]);
    }
    var tag = {title: 'h1', heading: 'h2', subitem: 'h3'}[block.role] || 'p';
    attrs['class'] = 'role-' + block.role;
    if (block.page) { attrs['data-page'] = block.page; }
    var el = h(tag, attrs);
    el.appendChild(h('span', {'class': 'text', text: block.text}));
    return el;
  }

  function renderDocument(report) {
    var doc = clear($('document'));
    var whole = h('div', {id: 'whole-report', 'class': 'whole-report', hidden: true});
    doc.appendChild(whole);
    if (report.note) { doc.appendChild(h('p', {'class': 'note', text: report.note})); }
    if (!report.blocks.length) {
      doc.appendChild(h('p', {'class': 'muted', text: '无法读取这个文件的内容，只能列出问题。'}));
    }
    var elements = [];
    var page = null;
    report.blocks.forEach(function (block, i) {
      if (block.page && block.page !== page) {
        page = block.page;
        doc.appendChild(h('div', {'class': 'page-mark', text: '第 ' + page + ' 页'}));
      }
      var el = blockElement(block, i);
      elements.push(el);
      doc.appendChild(el);
    });
    return elements;
  }

  function visibleFindings(view) {
    var severities = Array.prototype.filter.call(document.querySelectorAll('.filter-severity'), function (b) {
      return b.checked;
    }).map(function (b) { return b.value; });
    var rule = $('filter-rule').value;
    return view.report.findings.map(function (f, i) { return i; }).filter(function (i) {
      var f = view.report.findings[i];
      return severities.indexOf(f.severity) >= 0 && (!rule || f.code === rule);
    });
  }

  function addMarks(el, indices, cls) {
    var findings = state.view.report.findings;
    var severity = worst(indices.map(function (i) { return findings[i]; }));
    el.classList.add(cls, 'sev-' + severity);
    var previous = el.getAttribute('data-findings');
    el.setAttribute('data-findings', (previous ? previous + ' ' : '') + indices.join(' '));
    el.setAttribute('title', indices.map(function (i) { return findings[i].code + ' ' + findings[i].message; }).join('\n'));
  }

  function paragraphText(el, text, spans) {
    /* the paragraph's text with its findings' sentences marked */
    var holder = clear(el.querySelector('.text'));
    if (!spans.length) { holder.textContent = text; return; }
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    for (var k = 0; k + 1 < cuts.length; k++) {
      var from = cuts[k], to = cuts[k + 1];
      var over = spans.filter(function (s) { return s.start <= from && to <= s.end; });
      var piece = text.slice(from, to);
      if (!over.length) { holder.appendChild(document.createTextNode(piece)); continue; }
      var mark = h('mark', {'class': 'sentence', text: piece});
      addMarks(mark, over.map(function (s) { return s.index; }), 'hl');
      holder.appendChild(mark);
    }
  }

  function decorate() {
    var view = state.view;
    var findings = view.report.findings;
    var doc = $('document');
    Array.prototype.forEach.call(doc.querySelectorAll('[data-findings]'), function (el) {
      el.removeAttribute('data-findings');
      el.removeAttribute('title');
      el.className = el.className.split(' ').filter(function (c) {
        return c && c !== 'hl' && c !== 'hl-range' && c !== 'selected' && c.indexOf('sev-') !== 0;
      }).join(' ');
    });
    Array.prototype.forEach.call(doc.querySelectorAll('.tags'), function (el) { el.parentNode.removeChild(el); });
    var shown = visibleFindings(view);
    var byBlock = {};
    var whole = [];
    shown.forEach(function (i) {
      var place = findings[i].place;
      if (!place || !view.elements[place.block]) { whole.push(i); return; }
      (byBlock[place.block] = byBlock[place.block] || []).push(i);
    });
    view.report.blocks.forEach(function (block, b) {
      var el = view.elements[b];
      var mine = byBlock[b] || [];
      if (block.type === 'paragraph') {
        var spans = mine.filter(function (i) { return findings[i].place.start !== undefined; }).map(function (i) {
          return {start: findings[i].place.start, end: findings[i].place.end, index: i};
        });
        paragraphText(el, block.text, spans);
        var rest = mine.filter(function (i) { return findings[i].place.start === undefined; });
        if (rest.length) { addMarks(el, rest, 'hl'); }
        if (mine.length) { el.appendChild(tags(mine)); }
        return;
      }
      if (!mine.length) { return; }
      var rows = el.querySelectorAll('tr');
      var cells = {}, rowMarks = {}, ranges = {}, table = [];
      mine.forEach(function (i) {
        var place = findings[i].place;
        if (place.rows) {
          for (var r = place.rows[0]; r <= place.rows[1]; r++) { (ranges[r] = ranges[r] || []).push(i); }
        }
        if (place.cell !== undefined) { (cells[place.row + ':' + place.cell] = cells[place.row + ':' + place.cell] || []).push(i); }
        else if (place.row !== undefined) { (rowMarks[place.row] = rowMarks[place.row] || []).push(i); }
        else { table.push(i); }
      });
      Object.keys(ranges).forEach(function (r) { if (rows[r]) { addMarks(rows[r], ranges[r], 'hl-range'); } });
      Object.keys(rowMarks).forEach(function (r) { if (rows[r]) { addMarks(rows[r], rowMarks[r], 'hl'); } });
      Object.keys(cells).forEach(function (key) {
        var rc = key.split(':');
        var td = rows[rc[0]] && rows[rc[0]].children[rc[1]];
        if (td) { addMarks(td, cells[key], 'hl'); }
      });
      if (table.length) { addMarks(el, table, 'hl'); }
      el.querySelector('.table-caption').appendChild(tags(mine));
    });
    var box = clear($('whole-report'));
    if (whole.length) {
      box.appendChild(h('b', {text: '关于整份报告：'}));
      box.appendChild(tags(whole));
      addMarks(box, whole, 'hl');
    }
    box.hidden = !whole.length;
    return shown;
  }

  function tags(indices) {
    var findings = state.view.report.findings;
    return h('span', {'class': 'tags'}, indices.map(function (i) {
      return h('button', {type: 'button', 'class': 'tag sev-' + findings[i].severity, 'data-index': i,
        title: findings[i].message, text: findings[i].code});
    }));
  }

  function targetOf(i) {
    var view = state.view;
    var place = view.report.findings[i].place;
    if (!place || !view.elements[place.block]) { return $('whole-report'); }
    var el = view.elements[place.block];
    if (place.start !== undefined) {
      var marks = el.querySelectorAll('mark');
      for (var k = 0; k < marks.length; k++) {
        if ((' ' + marks[k].getAttribute('data-findings') + ' ').indexOf(' ' + i + ' ') >= 0) { return marks[k]; }
      }
      return el;
    }
    if (place.row !== undefined) {
      var row = el.querySelectorAll('tr')[place.row];
      if (row && place.cell !== undefined && row.children[place.cell]) { return row.children[place.cell]; }
      return row || el;
    }
    return el;
  }

  function select(i, fromDocument) {
    var view = state.view;
    view.selected = i;
    Array.prototype.forEach.call(document.querySelectorAll('#finding-list .finding'), function (li) {
      var on = Number(li.getAttribute('data-index')) === i;
      li.classList.toggle('active', on);
      if (on && fromDocument) { li.scrollIntoView({block: 'nearest'}); }
    });
    Array.prototype.forEach.call(document.querySelectorAll('#document .selected'), function (el) {
      el.classList.remove('selected');
    });
    var target = targetOf(i);
    target.classList.add('selected');
    if (!fromDocument) { target.scrollIntoView({block: 'center'}); }
    showExplanation(view.report.findings[i]);
  }

  function findingItem(f, i) {
    var where = h('div', {'class': 'where', text: '位置：' + f.where + (f.place ? '' : '（整份报告）')});
    return h('li', {'class': 'finding sev-' + f.severity, 'data-index': i, 'data-code': f.code,
      'data-severity': f.severity, tabindex: 0}, [
      h('div', {'class': 'f-head'}, [badge(f.severity), ' ', h('b', {text: f.code}), ' ',
        h('span', {'class': 'muted', text: f.name}),
        f.certain ? null : h('span', {'class': 'uncertain', title: '证据不充分，已按低一级报告，原因见说明', text: '降一级'})]),
      h('div', {'class': 'f-message', text: f.message}),
      where
    ]);
  }

  function applyFilters(keepSelection) {
    var view = state.view;
    var shown = decorate();
    var visible = {};
    shown.forEach(function (i) { visible[i] = true; });
    Array.prototype.forEach.call(document.querySelectorAll('#finding-list .finding'), function (li) {
      li.hidden = !visible[li.getAttribute('data-index')];
    });
    $('shown').textContent = String(shown.length);
    if (keepSelection && view.selected !== null && visible[view.selected]) {
      targetOf(view.selected).classList.add('selected');
    }
    var params = [];
    var rule = $('filter-rule').value;
    if (rule) { params.push('rule=' + encodeURIComponent(rule)); }
    var severities = Array.prototype.filter.call(document.querySelectorAll('.filter-severity'), function (b) {
      return b.checked;
    }).map(function (b) { return b.value; });
    if (severities.length < SEVERITIES.length) { params.push('sev=' + severities.join(',')); }
    var hash = '#/b/' + encodeURIComponent(view.batch.id) + '/r/' + view.report.index + (params.length ? '?' + params.join('&') : '');
    if (location.hash !== hash) { history.replaceState(null, '', hash); }
  }

  function showReport(id, index, params) {
    return Promise.all([getBatch(id), api(batchUrl(id) + '/report/' + index)]).then(function (got) {
      var batch = got[0], report = got[1];
      show('report-view');
      var view = state.view = {batch: batch, report: report, elements: [], selected: null};
      $('report-name').textContent = report.path;
      var meta = [report.organ || '机关未识别', report.year ? report.year + ' 年度' : '年度未识别',
        report.template ? report.template + ' 年格式' : '表格格式未识别', (report.format || '').toUpperCase()];
      $('report-meta').textContent = meta.filter(Boolean).join(' · ') + ' · ' +
        totalsText(report.counts, 1, report.total).replace('共 1 份报告，', '');
      $('back-to-batch').setAttribute('href', '#/b/' + encodeURIComponent(id));
      $('back-to-batch').hidden = batch.reports.length < 2;
      $('report-position').textContent = batch.reports.length > 1 ? '第 ' + (index + 1) + ' / ' + batch.reports.length + ' 份' : '';
      $('prev-report').hidden = $('next-report').hidden = batch.reports.length < 2;
      $('prev-report').disabled = index <= 0;
      $('next-report').disabled = index >= batch.reports.length - 1;
      view.elements = renderDocument(report);
      var list = clear($('finding-list'));
      report.findings.forEach(function (f, i) { list.appendChild(findingItem(f, i)); });
      $('no-report-findings').hidden = report.findings.length > 0;
      $('total').textContent = String(report.findings.length);
      var counts = {error: 0, warning: 0, info: 0}, codes = {};
      report.findings.forEach(function (f) { counts[f.severity]++; codes[f.code] = (codes[f.code] || 0) + 1; });
      SEVERITIES.forEach(function (s) { document.querySelector('[data-count="' + s + '"]').textContent = '(' + counts[s] + ')'; });
      var select = clear($('filter-rule'));
      select.appendChild(h('option', {value: '', text: '全部规则'}));
      Object.keys(codes).sort().forEach(function (code) {
        var rule = state.rules[code];
        select.appendChild(h('option', {value: code, text: code + ' ' + (rule ? rule.name : '') + '（' + codes[code] + '）'}));
      });
      select.value = codes[params.rule] ? params.rule : '';
      var wanted = params.sev !== undefined ? params.sev.split(',') : SEVERITIES;
      Array.prototype.forEach.call(document.querySelectorAll('.filter-severity'), function (box) {
        box.checked = wanted.indexOf(box.value) >= 0;
      });
      $('explanation').hidden = true;
      $('document').scrollTop = 0;
      applyFilters(false);
    });
  }

  function setUpReportView() {
    $('finding-list').addEventListener('click', function (event) {
      var li = event.target.closest('.finding');
      if (li) { select(Number(li.getAttribute('data-index')), false); }
    });
    $('finding-list').addEventListener('keydown', function (event) {
      var li = event.target.closest('.finding');
      if (li && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        select(Number(li.getAttribute('data-index')), false);
      }
    });
    $('document').addEventListener('click', function (event) {
      var tag = event.target.closest('.tag');
      var marked = tag || event.target.closest('[data-findings]');
      if (!marked) { return; }
      var index = tag ? tag.getAttribute('data-index') : marked.getAttribute('data-findings').split(' ')[0];
      select(Number(index), true);
    });
    Array.prototype.forEach.call(document.querySelectorAll('.filter-severity'), function (box) {
      box.addEventListener('change', function () { applyFilters(true); });
    });
    $('filter-rule').addEventListener('change', function () { applyFilters(true); });
    $('prev-report').addEventListener('click', function () { step(-1); });
    $('next-report').addEventListener('click', function () { step(1); });
  }

  function step(by) {
    var view = state.view;
    var next = view.report.index + by;
    if (next >= 0 && next < view.batch.reports.length) {
      location.hash = '#/b/' + encodeURIComponent(view.batch.id) + '/r/' + next;
    }
  }

  // -- routing ----------------------------------------------------------------------

  function route() {
    notice('');
    document.body.removeAttribute('data-ready');  // set again once the view is shown (tests wait for it)
    var hash = location.hash.replace(/^#\/?/, '');
    var query = hash.indexOf('?') >= 0 ? hash.slice(hash.indexOf('?') + 1) : '';
    var parts = (query ? hash.slice(0, hash.indexOf('?')) : hash).split('/');
    var done;
    if (parts[0] === 'b' && parts[1] && parts[2] === 'r') {
      done = showReport(decodeURIComponent(parts[1]), Number(parts[3]) || 0, parseQuery(query));
    } else if (parts[0] === 'b' && parts[1]) {
      done = showBatch(decodeURIComponent(parts[1]));
    } else {
      showDrop();
      done = Promise.resolve();
    }
    done.then(function () { document.body.setAttribute('data-ready', location.hash || '#/'); }, function (error) {
      showDrop();
      notice(error.message);
      document.body.setAttribute('data-ready', 'error');
    });
  }

  function start() {
    setUpDropping();
    setUpReportView();
    window.addEventListener('hashchange', route);
    api('api/rules').then(function (catalogue) {
      catalogue.rules.forEach(function (rule) { state.rules[rule.code] = rule; });
      state.extensions = catalogue.extensions;
      state.limits = catalogue.limits;
      $('limits').textContent = '一次最多 ' + catalogue.limits.files + ' 个文件、合计 ' +
        Math.round(catalogue.limits.bytes / 1048576) + ' MB。';
      route();
    }, function (error) { show('drop-view'); notice(error.message); });
  }

  start();
})();
