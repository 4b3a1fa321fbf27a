import { createHash } from 'node:crypto';

/**
 * Product pictures drawn in code: a colour scheme from the product id and a motif for its first
 * category. The same id and category always give the same picture, so it is cached forever.
 */
const MOTIFS: Record<string, string> = {
  kitchen:
    '<circle cx="180" cy="165" r="70" fill="#2b2b2b"/><circle cx="180" cy="165" r="56" fill="#444"/>' +
    '<rect x="245" y="155" width="110" height="20" rx="10" fill="#2b2b2b"/>',
  outdoor:
    '<circle cx="300" cy="90" r="34" fill="#ffd54a"/>' +
    '<path d="M40 250 L150 110 L210 190 L260 140 L360 250 Z" fill="#2f5d3a"/>' +
    '<path d="M150 110 L175 142 L125 142 Z" fill="#fff"/>',
  electronics:
    '<rect x="95" y="70" width="210" height="140" rx="12" fill="#222"/>' +
    '<rect x="110" y="85" width="180" height="110" rx="4" fill="#5ec8f2"/>' +
    '<rect x="170" y="218" width="60" height="12" rx="4" fill="#222"/>' +
    '<path d="M150 140 l30 -25 l30 25 l30 -25" stroke="#fff" stroke-width="8" fill="none"/>',
  books:
    '<rect x="120" y="60" width="160" height="190" rx="6" fill="#7a2431"/>' +
    '<rect x="120" y="60" width="22" height="190" fill="#5a1722"/>' +
    '<rect x="160" y="95" width="100" height="14" rx="3" fill="#f4e3c1"/>' +
    '<rect x="160" y="120" width="70" height="10" rx="3" fill="#f4e3c1"/>',
  apparel:
    '<path d="M140 70 L175 55 Q200 80 225 55 L260 70 L310 115 L280 145 L260 130 L260 250 L140 250 ' +
    'L140 130 L120 145 L90 115 Z" fill="#31507a"/>',
};

const DEFAULT_MOTIF =
  '<rect x="120" y="90" width="160" height="130" rx="8" fill="#8a6a3a"/>' +
  '<path d="M120 130 H280 M200 90 V220" stroke="#5e4622" stroke-width="10"/>';

export function pictureSvg(productId: string, category: string | undefined): string {
  const digest = createHash('sha256').update(productId).digest();
  const hue = Math.round((digest[0]! / 255) * 360);
  const hue2 = (hue + 40 + (digest[1]! % 60)) % 360;
  const motif = (category && MOTIFS[category]) ?? DEFAULT_MOTIF;
  const dots = Array.from({ length: 6 }, (_, i) => {
    const x = 20 + ((digest[2 + i]! * 7) % 360);
    const y = 20 + ((digest[8 + i]! * 5) % 260);
    const r = 6 + (digest[14 + i]! % 14);
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="#fff" fill-opacity="0.18"/>`;
  }).join('');
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300">' +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="hsl(${hue} 60% 82%)"/>` +
    `<stop offset="1" stop-color="hsl(${hue2} 55% 62%)"/></linearGradient></defs>` +
    `<rect width="400" height="300" fill="url(#g)"/>${dots}${motif}</svg>`
  );
}

/** The picture URL the pages use (served by this service). */
export const pictureUrl = (product: { id: string; categories: string[] }): string =>
  `/pictures/${encodeURIComponent(product.id)}.svg${
    product.categories[0] ? `?c=${encodeURIComponent(product.categories[0])}` : ''
  }`;
