import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { chartPng, chartSvg } from './chart-export';
import { echarts, type ChartInstance, type ChartOption } from './echarts-setup';

/** What a click on a bar, slice, cell or link reports. */
export interface ChartClick {
  seriesType: string;
  seriesIndex: number;
  dataIndex: number;
  name: string;
  dataType?: string | undefined;
  data: unknown;
  value: unknown;
}

export interface EChartHandle {
  png(): Blob | null;
  svg(): Blob | null;
}

interface Props {
  option: ChartOption;
  testId: string;
  height?: number;
  onClick?: (e: ChartClick) => void;
}

/** One ECharts instance in a div: follows the option, resizes with its box, reports clicks, exports itself. */
export const EChart = forwardRef<EChartHandle, Props>(function EChart({ option, testId, height = 360, onClick }, ref) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const e = p as unknown as ChartClick;
      clickRef.current?.({
        seriesType: e.seriesType,
        seriesIndex: e.seriesIndex,
        dataIndex: e.dataIndex,
        name: e.name,
        dataType: e.dataType,
        data: e.data,
        value: e.value,
      });
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useImperativeHandle(
    ref,
    () => ({
      png: () => (chart.current ? chartPng(chart.current) : null),
      svg: () => (box.current ? chartSvg(option, box.current.clientWidth, box.current.clientHeight) : null),
    }),
    [option],
  );

  return <div ref={box} className="echart" data-testid={testId} style={{ height }} />;
});
