// Pages made to be printed (agreements, certificates): the site's header, footer and messages stay off paper.
export function PrintStyles({ sheet }: { sheet: string }) {
  return (
    <style
      dangerouslySetInnerHTML={{
        __html: `@media print { @page { margin: 15mm; } body { background: #fff !important; } body > header, body > footer, body > a[href="#main"], main > p[role="status"] { display: none !important; } main { max-width: none !important; padding: 0 !important; } .${sheet} section { break-inside: avoid; } }`,
      }}
    />
  );
}
