// ipledger dashboard: calls the statistics API with the bearer token the user pastes (kept in
// sessionStorage for this tab only) and draws the answers with ECharts. A URL fragment such as
// #token=...&from=2024-01&to=2024-12&period=QUARTER fills the form (the fragment never reaches the
// server; the token is removed from the address bar at once).
'use strict';
(function () {
  const TOKEN_KEY = 'ipledger.dashboard.token';
  const API = '/api/v1';
  const $ = (sel) => document.querySelector(sel);
  const charts = new Map();

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

  function setState(state, message) {
    document.body.dataset.state = state;
    $('#status').textContent = message || '';
  }

  // ---- formatting: amounts arrive as exact decimal strings and are shown without floating point ----
  function amount(s) {
    if (s === null || s === undefined) return null;
    const neg = s.startsWith('-');
    const [int, frac] = (neg ? s.slice(1) : s).split('.');
    return (neg ? '-' : '') + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? '.' + frac : '');
  }
  function ratio(r) {
    if (r === null || r === undefined) return '–';
    const pct = (Number(r) * 100).toFixed(2);
    return (pct.startsWith('-') ? '' : '+') + pct + '%';
  }
  function td(text, suppressed, numeric) {
    const cell = document.createElement('td');
    if (suppressed) {
      cell.textContent = 'suppressed';
      cell.className = 'suppressed';
    } else {
      cell.textContent = text === null || text === undefined ? '–' : String(text);
      if (numeric) cell.className = 'num';
    }
    return cell;
  }
  function th(text) {
    const cell = document.createElement('th');
    cell.scope = 'row';
    cell.textContent = text;
    return cell;
  }
  // Banks arrive as party ids with their names (groupName); the name is shown, the id kept as a fallback.
  function groupLabel(g, name) { return name || g; }
  function share(r) {
    if (r === null || r === undefined) return '–';
    return (Number(r) * 100).toFixed(2) + '%';
  }

  // ---- the API ----
  async function call(path, accept) {
    const res = await fetch(API + path, { headers: { Authorization: 'Bearer ' + token(), Accept: accept || 'application/json' } });
    if (res.ok) return res;
    let detail = '';
    try { const p = await res.json(); detail = p.detail || p.title || ''; } catch (e) { /* no problem document */ }
    const err = new Error(
      res.status === 401 ? '401 Not signed in: the token is missing, expired or not accepted by the service. Paste a new token.'
        : res.status === 403 ? '403 Forbidden: this token\'s role may not see statistics (lab, regulator or admin only).'
          : res.status + ' ' + (detail || res.statusText));
    err.status = res.status;
    throw err;
  }
  const json = (path) => call(path).then((r) => r.json());

  function range() {
    const from = $('#from').value, to = $('#to').value;
    const [y, m] = to.split('-').map(Number);
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { from, to, period: $('#period').value, fromDay: from + '-01', toDay: to + '-' + String(lastDay).padStart(2, '0') };
  }

  async function load() {
    if (!token()) { setState('idle', 'Paste a bearer token to see the statistics.'); return; }
    if (typeof echarts === 'undefined') { setState('error', 'The chart library did not load.'); return; }
    const r = range();
    if (!r.from || !r.to) { setState('error', 'Choose the first and last month.'); return; }
    setState('loading', 'Loading…');
    const q = '?from=' + r.from + '&to=' + r.to + '&period=' + r.period;
    try {
      const [volumes, district, industry, bank, aggregates] = await Promise.all([
        json('/stats/volumes' + q),
        json('/stats/volumes' + q + '&groupBy=DISTRICT'),
        json('/stats/volumes' + q + '&groupBy=INDUSTRY'),
        json('/stats/volumes' + q + '&groupBy=BANK'),
        json('/regulator/aggregates?from=' + r.fromDay + '&to=' + r.toDay)]);
      renderVolumes(volumes);
      renderBreakdown('DISTRICT', district);
      renderBreakdown('INDUSTRY', industry);
      renderBreakdown('BANK', bank);
      renderAggregates(aggregates);
      setState('ready', 'Showing ' + r.from + ' to ' + r.to + ' by ' + r.period.toLowerCase()
        + (volumes.disclosureControlled ? '; cells from fewer than three enterprises are suppressed.' : '; all cells disclosed.')
        + ' ' + freshness(volumes.readFrom));
    } catch (e) {
      setState('error', e.message);
    }
  }

  function chart(el, option) {
    let c = charts.get(el);
    if (!c) { c = echarts.init(el, null, { renderer: 'svg' }); charts.set(el, c); }
    c.setOption(Object.assign({ animation: false, aria: { enabled: true }, tooltip: { trigger: 'axis' } }, option), true);
    el.dataset.points = String(option.series.reduce((n, s) => n + s.data.filter((v) => v !== null).length, 0));
  }
  const num = (s) => (s === null || s === undefined ? null : Number(s));
  const pct = (r) => (r === null || r === undefined ? null : Math.round(Number(r) * 10000) / 100);
  const axisAmount = { type: 'value', name: 'CNY', axisLabel: { formatter: (v) => (v >= 1e6 || v <= -1e6 ? v / 1e6 + 'M' : v) } };

  function renderVolumes(v) {
    const rows = v.rows;
    const periods = rows.map((r) => r.period);
    chart($('#chart-volumes'), {
      legend: { top: 0 },
      grid: { top: 40, left: 60, right: 60, bottom: 30 },
      xAxis: { type: 'category', data: periods },
      yAxis: [axisAmount, { type: 'value', name: 'y/y %', splitLine: { show: false } }],
      series: [
        { name: 'Pledged amount', type: 'bar', data: rows.map((r) => num(r.registration.pledgedAmount.value)) },
        { name: 'Principal issued', type: 'bar', data: rows.map((r) => num(r.lending.principalIssued.value)) },
        { name: 'Pledged amount y/y %', type: 'line', yAxisIndex: 1, connectNulls: false,
          data: rows.map((r) => pct(r.registration.pledgedAmount.changeRatio)) },
        { name: 'Principal issued y/y %', type: 'line', yAxisIndex: 1, connectNulls: false,
          data: rows.map((r) => pct(r.lending.principalIssued.changeRatio)) }]
    });
    const body = $('#volumes-table tbody');
    body.replaceChildren(...rows.map((r) => {
      const tr = document.createElement('tr');
      const g = r.registration, l = r.lending;
      tr.append(th(r.period),
        td(g.pledges.value, g.suppressed, true), td(amount(g.pledgedAmount.value), g.suppressed, true),
        td(ratio(g.pledgedAmount.changeRatio), g.suppressed, true),
        td(l.loansIssued.value, l.suppressed, true), td(amount(l.principalIssued.value), l.suppressed, true),
        td(ratio(l.principalIssued.changeRatio), l.suppressed, true),
        td(share(l.insuranceCover.value), l.suppressed, true),
        td(r.securitization ? amount(r.securitization.issuedPrincipal.value) : null,
          r.securitization ? r.securitization.suppressed : false, true));
      return tr;
    }));
  }

  function renderBreakdown(groupBy, v) {
    const box = document.querySelector('.breakdown[data-group-by="' + groupBy + '"]');
    const periods = [...new Set(v.rows.map((r) => r.period))];
    const groups = [...new Set(v.rows.map((r) => r.group))].sort();
    const cell = new Map(v.rows.map((r) => [r.group + '|' + r.period, r.registration]));
    const names = new Map(v.rows.map((r) => [r.group, r.groupName]));
    chart(box.querySelector('.chart'), {
      legend: { top: 0, type: 'scroll' },
      grid: { top: 40, left: 60, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: periods },
      yAxis: axisAmount,
      series: groups.map((g) => ({
        name: groupLabel(g, names.get(g)), type: 'bar', stack: 'amount',
        data: periods.map((p) => { const c = cell.get(g + '|' + p); return c && !c.suppressed ? num(c.pledgedAmount.value) : null; })
      }))
    });
    const head = document.createElement('tr');
    head.append(...['Group', ...periods].map((t) => { const h = document.createElement('th'); h.scope = 'col'; h.textContent = t; return h; }));
    box.querySelector('thead').replaceChildren(head);
    box.querySelector('tbody').replaceChildren(...groups.map((g) => {
      const tr = document.createElement('tr');
      tr.append(th(groupLabel(g, names.get(g))), ...periods.map((p) => {
        const c = cell.get(g + '|' + p);
        return c ? td(amount(c.pledgedAmount.value), c.suppressed, true) : td(null, false, true);
      }));
      return tr;
    }));
  }

  // Where the figures were read and how current they are (a replica may lag the primary).
  function freshness(read) {
    if (!read) return '';
    const lag = read.lagMillis ? ', ' + (read.lagMillis / 1000).toFixed(1) + ' s behind the primary' : '';
    return 'Read from the ' + read.source.toLowerCase() + ' as of ' + read.asOf + lag
      + (read.fallbackReason ? ' (' + read.fallbackReason + ')' : '') + '.';
  }

  function renderAggregates(a) {
    $('#aggregates-range').textContent = 'From ' + a.from + ' to ' + a.to + '.';
    const sections = [['Total', 'total'], ['District', 'byDistrict'], ['Industry', 'byIndustry'], ['Bank', 'byBank'], ['IP kind', 'byIpKind']];
    const rows = (basis, fill) => sections.flatMap(([label, key]) => (key === 'total' ? [basis.total] : basis[key]).map((c) => {
      const tr = document.createElement('tr');
      tr.dataset.breakdown = key;
      tr.append(th(label), th(key === 'total' ? '' : groupLabel(c.group, c.groupName)), ...fill(c));
      return tr;
    }));
    $('#registration-table tbody').replaceChildren(...rows(a.registrationBasis, (c) => [
      td(c.pledges, c.suppressed, true), td(amount(c.pledgedAmount), c.suppressed, true),
      td(c.pledgedAssets, c.suppressed, true), td(c.enterprises, c.suppressed, true)]));
    $('#lending-table tbody').replaceChildren(...rows(a.lendingBasis, (c) => [
      td(c.loansIssued, c.suppressed, true), td(amount(c.principalIssued), c.suppressed, true),
      td(c.inclusiveLoans, c.suppressed, true), td(amount(c.inclusivePrincipal), c.suppressed, true),
      td(c.firstTimePledgors, c.suppressed, true), td(c.borrowers, c.suppressed, true),
      td(amount(c.outstandingAtEnd), c.suppressed, true), td(c.defaults, c.suppressed, true),
      td(share(c.insuranceCover), c.suppressed, true)]));
    const sec = a.securitization;
    $('#securitization-table tbody').replaceChildren((() => {
      const tr = document.createElement('tr');
      tr.append(th('Total'), td(sec.products, sec.suppressed, true), td(amount(sec.issuedPrincipal), sec.suppressed, true),
        td(sec.loansSecuritized, sec.suppressed, true), td(amount(sec.loansSecuritizedAmount), sec.suppressed, true));
      return tr;
    })());
  }

  async function downloadCsv() {
    const r = range();
    try {
      const res = await call('/regulator/aggregates?from=' + r.fromDay + '&to=' + r.toDay, 'text/csv');
      const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await res.blob());
      link.download = name ? name[1] : 'ipledger-aggregates.csv';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    } catch (e) {
      setState('error', e.message);
    }
  }

  function showWho() {
    let text = 'Not signed in.';
    try {
      const claims = JSON.parse(atob(token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      text = 'Token for ' + (claims.upn || claims.sub || '?') + ' (' + [].concat(claims.groups || []).join(', ') + ')'
        + (claims.exp ? ', expires ' + new Date(claims.exp * 1000).toISOString() : '') + '.';
    } catch (e) { if (token()) text = 'The token is not a JWT.'; }
    $('#who').textContent = text;
  }

  function init() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.get('token')) {
      sessionStorage.setItem(TOKEN_KEY, params.get('token'));
      params.delete('token');
      history.replaceState(null, '', location.pathname + location.search + (params.toString() ? '#' + params : ''));
    }
    const now = new Date();
    $('#from').value = params.get('from') || (now.getFullYear() - 1) + '-01';
    $('#to').value = params.get('to') || now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0');
    if (['MONTH', 'QUARTER', 'YEAR'].includes(params.get('period'))) $('#period').value = params.get('period');
    $('#login').addEventListener('submit', (e) => {
      e.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('#token').value.trim());
      $('#token').value = '';
      showWho();
      load();
    });
    $('#logout').addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); showWho(); setState('idle', 'Token forgotten.'); });
    $('#period-form').addEventListener('submit', (e) => { e.preventDefault(); load(); });
    $('#csv').addEventListener('click', downloadCsv);
    window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
    showWho();
    load();
  }

  init();
})();
