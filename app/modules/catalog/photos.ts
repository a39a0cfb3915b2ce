// Browser-safe: where a product photo is served at each stored width (see photos.server.ts).
export const PHOTO_WIDTHS = [480, 1200] as const;
export const photoUrl = (key: string, width: (typeof PHOTO_WIDTHS)[number]) => `/uploads/${key}-${width}.webp`;
