import sharp from 'sharp';

// An ECharts option drawn on the server: ECharts' SSR renderer writes SVG, sharp (librsvg) rasterises it.
// Chinese labels need a CJK font known to fontconfig when rasterising (Debian: fonts-noto-cjk, which
// .ci/run installs); without one they come out as boxes, the chart itself still valid.

/** Width and height in CSS pixels, the size the chart is laid out at; the PNG has `scale` times the pixels. */
export async function chartPng(
  option: Record<string, unknown>,
  { width = 640, height = 360, scale = 2 } = {},
): Promise<Buffer> {
  // Loaded on first use: the server starts without ECharts' megabyte until a report is drawn.
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption({
      ...option,
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: 'sans-serif' },
    });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  return sharp(Buffer.from(svg), { density: 72 * scale })
    .png({ compressionLevel: 9 })
    .toBuffer();
}
