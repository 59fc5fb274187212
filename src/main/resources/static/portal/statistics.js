// 统计图表 — draws the portal's charts from the tables under them (the tables are the data, for everyone and for
// screen readers; without this script the page shows the tables alone). Apache ECharts, bundled at build time.
(function () {
  'use strict';
  var GREEN = '#1f6f4a';
  var PALETTE = [GREEN, '#c0504d', '#f0b400', '#4f81bd', '#8064a2', '#5b6b63'];

  function rows(table) {
    return Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
      return Array.prototype.map.call(tr.cells, function (cell) { return cell.textContent.trim(); });
    }).filter(function (cells) { return cells.length > 1; });
  }

  function headers(table) {
    return Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) { return cell.textContent.trim(); });
  }

  function base(title) {
    return {
      aria: { enabled: true, label: { description: title + '。完整数据见图下的数据表。' } },
      color: PALETTE,
      animation: false, // no motion (适老化); the charts are read, not watched
      textStyle: { fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif',
        fontSize: 14 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontSize: 14 } },
      grid: { left: 56, right: 24, top: 40, bottom: 48, containLabel: true }
    };
  }

  function flows() {
    var table = document.getElementById('table-flows');
    var el = document.getElementById('chart-flows');
    if (!table || !el) { return; }
    var data = rows(table);
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    var option = base('近期每月减排量签发与消纳折线图');
    option.xAxis = { type: 'category', name: '月份', nameLocation: 'middle', nameGap: 32,
      data: data.map(function (r) { return r[0]; }) };
    option.yAxis = { type: 'value', name: 'tCO2e' };
    option.series = [
      { name: '签发', type: 'line', symbolSize: 7, data: data.map(function (r) { return Number(r[1]); }) },
      { name: '消纳', type: 'line', symbolSize: 7, lineStyle: { type: 'dashed' },
        data: data.map(function (r) { return Number(r[2]); }) }
    ];
    chart.setOption(option);
    return chart;
  }

  function districts() {
    var table = document.getElementById('table-districts');
    var el = document.getElementById('chart-districts');
    if (!table || !el) { return; }
    var data = rows(table);
    var names = headers(table).slice(1, -1); // the statuses, without 区 and 合计
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    var option = base('各区公开项目数按状态堆叠柱状图');
    option.tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' } };
    option.xAxis = { type: 'category', name: '区', data: data.map(function (r) { return r[0]; }) };
    option.yAxis = { type: 'value', name: '项目数', minInterval: 1 };
    option.series = names.map(function (status, i) {
      return { name: status, type: 'bar', stack: '项目', barMaxWidth: 48,
        data: data.map(function (r) { return Number(r[i + 1]); }) };
    });
    chart.setOption(option);
    return chart;
  }

  function draw() {
    if (typeof echarts === 'undefined') { return; } // the tables stay
    var charts = [flows(), districts()].filter(Boolean);
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
