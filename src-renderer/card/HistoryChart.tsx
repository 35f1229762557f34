import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** A small line (or bar) chart of a tracked field's values over time. */
export function HistoryChart({ points, kind }: { points: readonly { date: string; value: number }[]; kind: 'line' | 'bar' }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 64, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: points.map((p) => p.date) },
      yAxis: { type: 'value', scale: kind === 'line' },
      series: [{ type: kind, data: points.map((p) => p.value), smooth: false, itemStyle: { color: '#0f6cbd' } }],
    });
    return () => chart.dispose();
  }, [points, kind]);
  return <div ref={el} className="history-chart" data-testid="field-history-chart" data-points={points.length} />;
}
