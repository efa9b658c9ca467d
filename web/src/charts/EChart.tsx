/** One ECharts instance bound to a div: created once, updated with each option, resized with its box. */
import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';
import type { ChartOption } from './echarts';
import { echarts } from './echarts';

type EChartsInstance = ReturnType<typeof echarts.init>;

interface Props {
  option: ChartOption;
  height?: number | string;
  className?: string;
  style?: CSSProperties;
  /** Label for assistive technology and tests. */
  label: string;
  onClick?: (params: { name?: string; data?: unknown; seriesName?: string }) => void;
}

export function EChart({ option, height = 240, className, style, label, onClick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsInstance | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(params as { name?: string; data?: unknown }));
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

  return (
    <div
      ref={box}
      className={`echart ${className ?? ''}`}
      role="img"
      aria-label={label}
      style={{ height, width: '100%', ...style }}
    />
  );
}
