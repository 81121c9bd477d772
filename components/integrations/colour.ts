/** Relative luminance of a #rrggbb colour (WCAG 2 formula), 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The glyph colour that stays readable on a brand-coloured tile: dark on light brands, else white. */
export const logoForeground = (background: string) => (luminance(background) > 0.5 ? "#111827" : "#ffffff");
