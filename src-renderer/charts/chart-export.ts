import { echarts, type ChartInstance, type ChartOption } from './echarts-setup';

/** Saves a Blob as a download under `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function dataUrlToBlob(dataUrl: string): Blob {
  const [head, body = ''] = dataUrl.split(',', 2);
  const mime = /data:([^;]+)/.exec(head ?? '')?.[1] ?? 'application/octet-stream';
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** The chart on screen as a PNG at twice its pixel size, on white (transparent PNGs print badly). */
export function chartPng(chart: ChartInstance): Blob {
  return dataUrlToBlob(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }));
}

/** The same option drawn by ECharts' SVG renderer off screen: a vector file of the chart. */
export function chartSvg(option: ChartOption, width: number, height: number): Blob {
  const svg = echarts.init(null, null, { renderer: 'svg', ssr: true, width: Math.max(320, width), height: Math.max(240, height) });
  try {
    svg.setOption({ ...option, animation: false, backgroundColor: '#ffffff' });
    return new Blob([svg.renderToSVGString()], { type: 'image/svg+xml' });
  } finally {
    svg.dispose();
  }
}

/** A file name safe on Windows, with the date. */
export function exportName(title: string, ext: string): string {
  const safe = title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || 'report';
  const d = new Date();
  const stamp = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
  return `${safe}_${stamp}.${ext}`;
}
