import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { Locale, T } from "~/i18n/i18n";

const styles = {
  body: { backgroundColor: "#f6f4ef", fontFamily: "Arial, 'Noto Sans Arabic', sans-serif", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", borderRadius: 8, margin: "0 auto", maxWidth: 560, padding: 24 },
  brand: { color: "#8a3b12", fontSize: 22, fontWeight: 700, margin: 0 },
  footer: { color: "#6b6b6b", fontSize: 12 },
};

export function EmailLayout(props: { locale: Locale; preview: string; footer: string; children: ReactNode }) {
  const dir = props.locale === "ar" ? "rtl" : "ltr";
  return (
    <Html lang={props.locale} dir={dir}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={{ ...styles.container, direction: dir, textAlign: dir === "rtl" ? "right" : "left" }}>
          <Text style={styles.brand}>Tiwizi</Text>
          <Section>{props.children}</Section>
          <Hr />
          <Text style={styles.footer}>{props.footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#8a3b12",
  borderRadius: 6,
  color: "#ffffff",
  display: "inline-block",
  fontWeight: 700,
  padding: "12px 20px",
  textDecoration: "none",
};

export type Rendered = { subject: string; body: JSX.Element };
export type Ctx = { t: T; locale: Locale };

export function Action({ url, label }: { url: string; label: string }) {
  return (
    <>
      <Button href={url} style={buttonStyle}>
        {label}
      </Button>
      <Text style={{ fontSize: 12, color: "#6b6b6b", wordBreak: "break-all" }}>
        <Link href={url}>{url}</Link>
      </Text>
    </>
  );
}

export function wrap(ctx: Ctx, subject: string, children: JSX.Element): Rendered {
  return {
    subject,
    body: (
      <EmailLayout locale={ctx.locale} preview={subject} footer={ctx.t("email.footer")}>
        {children}
      </EmailLayout>
    ),
  };
}
