import { useEffect, useRef } from 'react';
import { echarts, EChartsCoreOption } from './echarts';

/** One ECharts chart, resized with its box and disposed with it. */
export function Chart({ option, height = 320, label, onItemClick }: { option: EChartsCoreOption; height?: number; label: string; onItemClick?: (data: unknown) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const click = useRef(onItemClick);
  click.current = onItemClick;
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    const el = box.current!;
    const instance = echarts.init(el, undefined, { renderer: 'canvas', locale: 'ZH' });
    chart.current = instance;
    instance.on('click', (params) => click.current?.((params as { data?: unknown }).data));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={box} role="img" aria-label={label} data-chart={label} style={{ width: '100%', height }} />;
}
