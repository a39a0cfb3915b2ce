import { describe, expect, it } from "vitest";
import { organizationSeo } from "./seo";

const organization = {
  slug: "cooperative-tafoukt",
  kind: "cooperative",
  name: "Coopérative Tafoukt",
  nameAr: "تعاونية تافوكت",
  city: "Aït Baha",
  foundedYear: 2009,
  descriptionFr: "Dix-huit femmes pressent l'huile d'argan. ".repeat(10),
  descriptionAr: "ثماني عشرة امرأة يعصرن زيت الأركان.",
  website: "https://tafoukt.example.ma",
  logoKey: "logos/0b0c8f5e-2f7e-4c55-9a55-8f3c3f1d1a11.webp",
  email: null,
  phone: null,
};

describe("profile SEO", () => {
  it("describes the profile in the page's language with Open Graph and schema.org data", () => {
    const fr = organizationSeo({ organization, regionName: "Souss-Massa", locale: "fr", appUrl: "https://tiwizi.ma" });
    expect(fr.title).toBe("Coopérative Tafoukt · Tiwizi");
    expect(fr.description.length).toBeLessThanOrEqual(160);
    expect(fr.description.endsWith("…")).toBe(true);
    expect(fr.meta).toContainEqual({ property: "og:url", content: "https://tiwizi.ma/organisations/cooperative-tafoukt" });
    expect(fr.meta).toContainEqual({ property: "og:image", content: `https://tiwizi.ma/uploads/${organization.logoKey}` });
    expect(fr.jsonLd).toMatchObject({
      "@type": "Organization",
      name: "Coopérative Tafoukt",
      alternateName: "تعاونية تافوكت",
      foundingDate: "2009",
      address: { addressCountry: "MA", addressRegion: "Souss-Massa", addressLocality: "Aït Baha" },
      sameAs: ["https://tafoukt.example.ma"],
    });
    expect(fr.jsonLd).not.toHaveProperty("telephone");

    const ar = organizationSeo({ organization, regionName: "سوس-ماسة", locale: "ar", appUrl: "https://tiwizi.ma" });
    expect(ar.title).toBe("تعاونية تافوكت · Tiwizi");
    expect(ar.description).toBe("ثماني عشرة امرأة يعصرن زيت الأركان.");
    expect(ar.meta).toContainEqual({ property: "og:locale", content: "ar_MA" });
    expect(ar.meta).toContainEqual({ tagName: "link", rel: "canonical", href: "https://tiwizi.ma/organisations/cooperative-tafoukt?lang=ar" });
  });
});
