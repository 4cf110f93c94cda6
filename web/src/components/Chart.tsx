// ECharts through echarts/core with only bar, pie and line and the canvas renderer (bundle size).
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** A chart with an accessible name; `summary` is read to screen readers instead of the canvas. */
export default function Chart({ option, label, summary, height = 300 }: { option: ChartOption; label: string; summary: string; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const node = el.current;
    const c = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    // `finished`: this option is drawn in full (no frame of an animation, no progressive chunk left).
    // ECharts emits it after every render, animated or not, with data or without; the browser tests
    // take their pictures once every chart carries the mark.
    c.on('finished', () => { node.dataset.chartFinished = 'true'; });
    let first = true; // the observer fires once at once: the chart already has that size
    const ro = new ResizeObserver(() => {
      if (first) first = false;
      else c.resize();
    });
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // No animation: charts draw their final frame at once (cheaper on phones, interactive sooner).
    // The mark is set again by `finished` (synchronously here when nothing animates). This effect needs
    // the chart and its `finished` listener from the one above: React runs effects in declaration
    // order, so keep that one first.
    if (el.current) delete el.current.dataset.chartFinished;
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} role="img" aria-label={`${label}：${summary}`} style={{ width: '100%', height }} />
    </figure>
  );
}
