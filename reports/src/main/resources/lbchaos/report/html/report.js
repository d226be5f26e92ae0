// Tooltips and a time cursor. The page is complete without this script: it only reads what the
// server drew (data-tip attributes) and records that it ran (data-ready, data-dots).
(function () {
  'use strict';
  var tip = document.getElementById('tip');

  function show(text, ev) {
    tip.textContent = text;
    tip.style.display = 'block';
    var x = ev.clientX + 14, y = ev.clientY + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) { x = ev.clientX - w - 10; }
    if (y + h > window.innerHeight - 8) { y = ev.clientY - h - 10; }
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }

  function hide() { tip.style.display = 'none'; }

  function svgX(svg, ev) {
    var pt = svg.createSVGPoint();
    pt.x = ev.clientX; pt.y = ev.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse()).x;
  }

  document.querySelectorAll('svg.timeline').forEach(function (svg) {
    var x0 = parseFloat(svg.dataset.x0), x1 = parseFloat(svg.dataset.x1);
    var span = parseFloat(svg.dataset.span);
    var cursor = svg.querySelector('line.cursor');
    svg.addEventListener('mousemove', function (ev) {
      var x = svgX(svg, ev);
      var inside = x >= x0 && x <= x1;
      if (cursor) {
        cursor.setAttribute('x1', x); cursor.setAttribute('x2', x);
        cursor.setAttribute('visibility', inside ? 'visible' : 'hidden');
      }
      var target = ev.target.closest('[data-tip]');
      if (target) { show(target.dataset.tip, ev); }
      else if (inside) { show('t = ' + ((x - x0) / (x1 - x0) * span).toFixed(2) + ' s', ev); }
      else { hide(); }
    });
    svg.addEventListener('mouseleave', function () {
      hide();
      if (cursor) { cursor.setAttribute('visibility', 'hidden'); }
    });
    svg.dataset.dots = String(svg.querySelectorAll('circle.req').length);
    svg.dataset.failedDots = String(svg.querySelectorAll('circle.req.fail').length);
    svg.dataset.lanes = String(svg.querySelectorAll('rect.seg').length);
    // Where the timeline landed on the page, in CSS pixels: lets a headless screenshot test
    // look at the right region instead of guessing the layout.
    var box = svg.getBoundingClientRect();
    svg.dataset.box = [box.left, box.top + window.scrollY, box.width, box.height]
      .map(function (v) { return Math.round(v); }).join(',');
    svg.dataset.ready = 'true';
  });

  document.querySelectorAll('svg.trend').forEach(function (svg) {
    svg.addEventListener('mousemove', function (ev) {
      var target = ev.target.closest('[data-tip]');
      if (target) { show(target.dataset.tip, ev); } else { hide(); }
    });
    svg.addEventListener('mouseleave', hide);
  });

  document.body.dataset.ready = 'true';
})();
