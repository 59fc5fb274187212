// 碳普惠 运行指标 — Cockpit dashboard plugin (Camunda 7.14+ plugin format, plain JavaScript, no external scripts).
// Data: GET {cockpitApi}/plugin/carbon-kpi/{engine}/snapshot (KpiCockpitResource); definitions in docs/kpi.md.
// A banner warns when next year's holiday schedule is missing (snapshot.holidaySchedule.warning).
// A second panel, 邮件通知发件箱, shows administrators the notice outbox ({cockpitApi}/plugin/carbon-kpi/{engine}/notices):
// with no mail server configured, notices are kept there instead of being sent (docs/operations.md).
// Charts: Apache ECharts, the ES module bundled next to this file at build time (pom.xml; nothing loaded from outside),
// each followed by a <details> data table with the same numbers for screen readers (docs/kpi.md).

import * as echarts from './echarts.esm.min.js';

const GROUP_NAMES = {
  bureau: '北京市生态环境局',
  techcenter: '技术中心',
  exchange: '北京绿色交易所',
  developer: '项目开发方',
  expert: '评审专家',
  'camunda-admin': '平台管理员',
  '(none)': '（无候选组）'
};

const STATUS_NAMES = {
  SUBMITTED: '已提交',
  UNDER_REVIEW: '技术评估中',
  SUPPLEMENT_REQUESTED: '待补正',
  IN_PUBLICITY: '公示中',
  REGISTERED: '已登记',
  SUSPENDED: '已暂停',
  CANCELLED: '已注销',
  REJECTED: '不予登记',
  WITHDRAWN: '已撤回',
  RECORDED: '已备案',
  DISCLOSED: '已公开'
};

function escape(value) {
  return String(value === null || value === undefined ? '—' : value)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function table(title, headers, rows) {
  const head = headers.map(h => `<th>${escape(h)}</th>`).join('');
  const body = rows.length
    ? rows.map(r => `<tr>${r.map(c => `<td>${escape(c)}</td>`).join('')}</tr>`).join('')
    : `<tr><td colspan="${headers.length}">暂无数据</td></tr>`;
  return `<section class="carbon-kpi-section"><h4>${escape(title)}</h4>` +
    `<table class="table table-condensed table-striped"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
}

function group(id) {
  return GROUP_NAMES[id] ? `${GROUP_NAMES[id]} (${id})` : id;
}

// From 1 November while next year's holiday schedule is missing (calendar.HolidayCoverage; docs/operations.md).
function holidayBanner(holidays) {
  if (!holidays || !holidays.warning) {
    return '';
  }
  return `<div class="alert alert-warning carbon-kpi-holiday-warning" role="alert"><strong>节假日安排缺失：</strong>` +
    `${escape(holidays.warning)}（已上传年度：${escape((holidays.coveredYears || []).join('、'))}）</div>`;
}

const PURPOSE_NAMES = {
  ETS_OFFSET: '碳市场履约抵销',
  ORGANISATION_NEUTRALITY: '机构碳中和',
  EVENT_NEUTRALITY: '大型活动碳中和',
  VOLUNTARY: '自愿注销',
  ECOLOGICAL_COMPENSATION: '生态环境损害赔偿'
};

// at most so many lines per chart over time (the largest today); the data table lists them all
const MAX_LINES = 8;

function detailsTable(headers, rows) {
  const head = headers.map(h => `<th scope="col">${escape(h)}</th>`).join('');
  const body = rows.length
    ? rows.map(r => `<tr>${r.map(c => `<td>${escape(c)}</td>`).join('')}</tr>`).join('')
    : `<tr><td colspan="${headers.length}">暂无数据</td></tr>`;
  return '<details class="carbon-kpi-chart-data"><summary>数据表</summary>' +
    `<table class="table table-condensed table-striped"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>` +
    '</details>';
}

// Lines per key over the days of the daily snapshots (kpi_daily): the MAX_LINES largest on the last day.
function dailyLines(daily, kind, nameOf) {
  const rows = daily.filter(f => f.kind === kind);
  const days = [...new Set(daily.map(f => f.day))].sort();
  const byKey = new Map();
  rows.forEach(f => {
    const key = `${f.key1}\u0000${f.key2}`;
    if (!byKey.has(key)) {
      byKey.set(key, { name: nameOf(f), values: {} });
    }
    byKey.get(key).values[f.day] = Number(f.value);
  });
  const last = days[days.length - 1];
  const lines = [...byKey.values()].sort((a, b) => (b.values[last] || 0) - (a.values[last] || 0)).slice(0, MAX_LINES);
  return {
    days,
    series: lines.map(l => ({ name: l.name, type: 'line', showSymbol: true, symbolSize: 6,
      data: days.map(d => (d in l.values ? l.values[d] : 0)) })),
    table: rows.map(f => [f.day, nameOf(f), Number(f.value)])
  };
}

const BASE = {
  aria: { enabled: true },
  textStyle: { fontFamily: 'sans-serif' },
  grid: { left: 56, right: 24, top: 56, bottom: 72, containLabel: true },
  tooltip: { trigger: 'axis' }
};

function chartSpecs(snapshot, processName) {
  const w = snapshot.windows;
  const stages = dailyLines(snapshot.daily || [], 'STAGE', f => f.label || `${processName(f.key1)} · ${f.key2}`);
  const groups = dailyLines(snapshot.daily || [], 'GROUP', f => GROUP_NAMES[f.key1] || f.key1);
  const boxes = snapshot.cycleTimeBoxes || [];
  const boxName = b => `${b.taskName || b.taskKey}（${processName(b.processKey)}）`;
  const breaches = snapshot.slaBreachesByMonth || [];
  const retired = snapshot.reductionsRetired || [];
  const purposes = Object.keys(PURPOSE_NAMES);
  const legend = { type: 'scroll', bottom: 0 };
  const dayAxis = days => ({ type: 'category', name: '日期', nameLocation: 'middle', nameGap: 28, data: days,
    boundaryGap: days.length < 2 });
  return [{
    id: 'stage-cases',
    title: `在办案件（按环节，近 ${w.dailyDays || 90} 天每日快照）`,
    option: { ...BASE, legend, xAxis: dayAxis(stages.days), yAxis: { type: 'value', name: '案件数', minInterval: 1 },
      series: stages.series },
    headers: ['日期', '环节', '在办案件数'],
    rows: stages.table
  }, {
    id: 'group-backlog',
    title: `待办任务（按候选组，近 ${w.dailyDays || 90} 天每日快照）`,
    option: { ...BASE, legend, xAxis: dayAxis(groups.days), yAxis: { type: 'value', name: '任务数', minInterval: 1 },
      series: groups.series },
    headers: ['日期', '候选组', '待办任务数'],
    rows: groups.table
  }, {
    id: 'cycle-time-box',
    title: `各环节办理时长分布（近 ${w.cycleTimeDays} 天办结任务，小时）`,
    option: { ...BASE,
      tooltip: { trigger: 'item', formatter: p => {
        const b = boxes[p.dataIndex];
        return `${escape(boxName(b))}<br/>办结数：${b.count}<br/>最小值：${b.minHours}<br/>下四分位：${b.q1Hours}` +
          `<br/>中位数：${b.medianHours}<br/>上四分位：${b.q3Hours}<br/>最大值：${b.maxHours}（小时）`;
      } },
      xAxis: { type: 'category', data: boxes.map(boxName),
        axisLabel: { interval: 0, rotate: 30, width: 110, overflow: 'truncate' } },
      yAxis: { type: 'value', name: '小时' },
      series: [{ name: '办理时长（小时）', type: 'boxplot',
        data: boxes.map(b => [b.minHours, b.q1Hours, b.medianHours, b.q3Hours, b.maxHours].map(Number)) }] },
    headers: ['流程', '环节', '办结数', '最小值（小时）', '下四分位（小时）', '中位数（小时）', '上四分位（小时）',
      '最大值（小时）'],
    rows: boxes.map(b => [processName(b.processKey), b.taskName || b.taskKey, b.count, b.minHours, b.q1Hours,
      b.medianHours, b.q3Hours, b.maxHours])
  }, {
    id: 'sla-breaches',
    title: `超期办结任务（按办结月份，近 ${w.issuanceMonths} 个月）`,
    option: { ...BASE, legend,
      xAxis: { type: 'category', name: '月份', nameLocation: 'middle', nameGap: 28, data: breaches.map(m => m.month) },
      yAxis: { type: 'value', name: '任务数', minInterval: 1 },
      series: [{ name: '超期办结任务数', type: 'bar', data: breaches.map(m => m.completedLate) }] },
    headers: ['月份', '超期办结任务数'],
    rows: breaches.map(m => [m.month, m.completedLate])
  }, {
    id: 'reductions',
    title: `减排量签发与消纳（按月，近 ${w.issuanceMonths} 个月，tCO2e）`,
    option: { ...BASE, legend,
      xAxis: { type: 'category', name: '月份', nameLocation: 'middle', nameGap: 28, data: snapshot.reductionsIssued.map(m => m.month) },
      yAxis: { type: 'value', name: 'tCO2e' },
      series: [{ name: '签发', type: 'bar', stack: 'issued', data: snapshot.reductionsIssued.map(m => m.tco2e) }]
        .concat(purposes.map(p => ({ name: `消纳：${PURPOSE_NAMES[p]}`, type: 'bar', stack: 'retired',
          data: retired.map(m => m.tco2eByPurpose[p] || 0) }))) },
    headers: ['月份', '签发（tCO2e）'].concat(purposes.map(p => `消纳：${PURPOSE_NAMES[p]}（tCO2e）`), ['消纳合计（tCO2e）']),
    rows: snapshot.reductionsIssued.map((m, i) => [m.month, m.tco2e]
      .concat(purposes.map(p => (retired[i] ? retired[i].tco2eByPurpose[p] || 0 : 0)), [retired[i] ? retired[i].tco2e : 0]))
  }];
}

function chartsHtml(specs) {
  return '<div class="carbon-kpi-charts" style="display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr));' +
    ' gap: 16px 24px; margin-bottom: 16px">' +
    specs.map(c => `<figure class="carbon-kpi-chart" data-chart="${c.id}" style="margin: 0; min-width: 0">` +
      `<figcaption><h4>${escape(c.title)}</h4></figcaption>` +
      `<div class="carbon-kpi-chart-canvas" role="img" aria-label="${escape(c.title)}" style="width: 100%; height: 320px"></div>` +
      detailsTable(c.headers, c.rows) + '</figure>').join('') +
    '</div>';
}

function drawCharts(node, specs) {
  specs.forEach(c => {
    const el = node.querySelector(`[data-chart="${c.id}"] .carbon-kpi-chart-canvas`);
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(c.option);
    // the number of data points drawn, for the browser test and whoever inspects the page
    el.dataset.points = String(c.option.series.reduce((n, s) => n + s.data.length, 0));
    if (window.ResizeObserver) {
      new ResizeObserver(() => chart.resize()).observe(el);
    }
  });
}

function render(node, snapshot) {
  const processNames = {};
  snapshot.casesByProcess.forEach(p => { processNames[p.processKey] = p.processName || p.processKey; });
  const processName = key => processNames[key] || key;
  const w = snapshot.windows;
  const issuedTotal = snapshot.reductionsIssued.reduce((sum, m) => sum + m.tco2e, 0);
  const specs = chartSpecs(snapshot, processName);

  node.innerHTML =
    '<div class="carbon-kpi" style="padding: 0 15px 15px">' +
    '<h3>碳普惠 运行指标</h3>' + holidayBanner(snapshot.holidaySchedule) +
    `<p class="text-muted">统计时间：${escape(new Date(snapshot.computedAt).toLocaleString('zh-CN'))}` +
    `（每分钟刷新的快照；周期时长统计近 ${w.cycleTimeDays} 天，超期办结统计近 ${w.slaDays} 天，百分位为最近秩法）</p>` +
    chartsHtml(specs) +
    table('在办案件（按流程）', ['流程', '流程标识', '在办案件数'],
      snapshot.casesByProcess.map(p => [p.processName, p.processKey, p.cases])) +
    table('在办案件（按环节）', ['流程', '环节', '环节标识', '案件数'],
      snapshot.casesByStage.map(s => [processName(s.processKey), s.activityName, s.activityId, s.cases])) +
    table('待办任务（按候选组）', ['候选组', '任务数', '最久等待（小时）', '等待时长中位数（小时）'],
      snapshot.openTasks.map(t => [group(t.group), t.count, t.oldestAgeHours, t.medianAgeHours])) +
    table('各环节办理时长（已办结任务）', ['流程', '环节', '办结数', '中位数（小时）', 'P90（小时）'],
      snapshot.cycleTimes.map(c => [processName(c.processKey), c.taskName || c.taskKey, c.count, c.medianHours, c.p90Hours])) +
    table('超期任务（按工作日到期日）', ['候选组', '在办已超期', `近 ${w.slaDays} 天超期办结`],
      snapshot.slaBreaches.map(b => [group(b.group), b.openOverdue, b.completedLate])) +
    table(`项目状态（已暂停：${snapshot.suspendedProjects}）`, ['状态', '项目数'],
      Object.keys(snapshot.projectsByStatus).map(s => [`${STATUS_NAMES[s] || s} (${s})`, snapshot.projectsByStatus[s]])) +
    table(`减排量签发（近 ${w.issuanceMonths} 个月，合计 ${issuedTotal} tCO2e）`, ['月份', '签发量（tCO2e）'],
      snapshot.reductionsIssued.map(m => [m.month, m.tco2e])) +
    '</div>';
  drawCharts(node, specs);
}

const NOTICE_STATUS_NAMES = {
  SENT: '已发送',
  PENDING: '待发送',
  SENDING: '发送中',
  FAILED: '发送失败',
  KEPT: '已保留（未配置邮件服务器）'
};

function renderOutbox(node, outbox) {
  const counts = Object.keys(outbox.byStatus).filter(s => outbox.byStatus[s] > 0)
    .map(s => `${NOTICE_STATUS_NAMES[s] || s} ${outbox.byStatus[s]}`).join('，') || '暂无通知';
  const state = outbox.mailConfigured
    ? '<p>邮件服务器已配置：通知按邮件发送。</p>'
    : '<div class="alert alert-info" role="status"><strong>未配置邮件服务器：</strong>通知不发送，保留在发件箱中' +
      '（配置 spring.mail.host 后发送新的通知；GET /api/admin/notices 可分页查阅全部）。</div>';
  node.innerHTML = '<div class="carbon-notice-outbox" style="padding: 0 15px 15px"><h3>邮件通知发件箱</h3>' + state +
    `<p class="text-muted">各状态通知数：${escape(counts)}</p>` +
    table('最近 20 条通知', ['编号', '生成时间', '状态', '收件人', '主题'],
      outbox.latest.map(n => [n.id, new Date(n.createdAt).toLocaleString('zh-CN'), NOTICE_STATUS_NAMES[n.status] || n.status,
        n.recipient, n.subject])) +
    '</div>';
}

export default [{
  id: 'carbon-kpi-dashboard',
  pluginPoint: 'cockpit.dashboard',
  priority: 20,
  render(node, { api }) {
    node.innerHTML = '<div class="carbon-kpi" style="padding: 0 15px"><h3>碳普惠 运行指标</h3><p>加载中…</p></div>';
    fetch(`${api.cockpitApi}/plugin/carbon-kpi/${api.engine}/snapshot`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken }
    })
      .then(response => {
        if (!response.ok) {
          throw new Error(response.status === 403 ? '无权查看运行指标（限生态环境局、技术中心、平台管理员）'
            : `读取失败（HTTP ${response.status}）`);
        }
        return response.json();
      })
      .then(snapshot => render(node, snapshot))
      .catch(error => {
        node.innerHTML = '<div class="carbon-kpi" style="padding: 0 15px"><h3>碳普惠 运行指标</h3>' +
          `<p class="text-danger">${escape(error.message)}</p></div>`;
      });
  }
}, {
  id: 'carbon-notice-outbox',
  pluginPoint: 'cockpit.dashboard',
  priority: 10,
  render(node, { api }) {
    fetch(`${api.cockpitApi}/plugin/carbon-kpi/${api.engine}/notices`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken }
    })
      .then(response => {
        if (response.status === 403) {
          return null; // administrators only: the panel stays empty for everyone else
        }
        if (!response.ok) {
          throw new Error(`读取失败（HTTP ${response.status}）`);
        }
        return response.json();
      })
      .then(outbox => { if (outbox) { renderOutbox(node, outbox); } })
      .catch(error => {
        node.innerHTML = '<div class="carbon-notice-outbox" style="padding: 0 15px"><h3>邮件通知发件箱</h3>' +
          `<p class="text-danger">${escape(error.message)}</p></div>`;
      });
  }
}];
