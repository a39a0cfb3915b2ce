import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "~/lib/env.server";

export type OutgoingMail = { id: string; to: string; subject: string; html: string; text: string };
export type StoredMail = OutgoingMail & { date: string };

let transporter: nodemailer.Transporter | undefined;

export function mailDir() {
  return path.join(env().dataDir, "mail");
}

/** SMTP when SMTP_URL is set; otherwise the local mailbox under DATA_DIR/mail (see /dev/mail). */
export async function deliver(mail: OutgoingMail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (SMTP_URL) {
    transporter ??= nodemailer.createTransport(SMTP_URL);
    await transporter.sendMail({
      from: MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: `<${mail.id}@tiwizi>`,
    });
    return;
  }
  await mkdir(mailDir(), { recursive: true });
  const stored: StoredMail = { ...mail, date: new Date().toISOString() };
  await writeFile(path.join(mailDir(), `${Date.now()}-${mail.id}.json`), JSON.stringify(stored));
}

export function resetTransport() {
  transporter = undefined;
}

/** The local mailbox, newest first. */
export async function listLocalMail(): Promise<StoredMail[]> {
  let files: string[];
  try {
    files = await readdir(mailDir());
  } catch {
    return [];
  }
  const names = files.filter((f) => f.endsWith(".json")).sort().reverse().slice(0, 200);
  return Promise.all(names.map(async (f) => JSON.parse(await readFile(path.join(mailDir(), f), "utf8")) as StoredMail));
}
