import { notFound } from "~/lib/errors.server";

export async function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}
