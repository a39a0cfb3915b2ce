// The fields of an event (issue 7, item 1), for operators creating one and organisations proposing one. A plain
// form: instants as Morocco wall-clock datetime-local values; the server says which fields the kind needs.
import { EVENT_KINDS } from "../../db/schema/enums";
import { Checkbox, Field, Select, TextArea } from "~/components/form";
import { useLocale, useT } from "~/components/i18n";

type Values = Record<string, string | string[] | undefined> | undefined;
type Errors = Record<string, string[] | undefined> | undefined;
const single = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

export function EventFields({ values, errors, regions }: { values: Values; errors: Errors; regions: { code: string; nameFr: string; nameAr: string }[] }) {
  const t = useT();
  const locale = useLocale();
  const v = (name: string) => single(values?.[name]);
  const err = (name: string) => errors?.[name];
  return (
    <div className="space-y-4">
      <Select label={t("events.form.kind")} name="kind" required defaultValue={v("kind")} errors={err("kind")}>
        <option value="">{t("events.form.choose")}</option>
        {EVENT_KINDS.map((k) => (
          <option key={k} value={k}>{t(`events.kind.${k}`)}</option>
        ))}
      </Select>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("events.form.titleFr")} name="titleFr" lang="fr" dir="ltr" required maxLength={200} defaultValue={v("titleFr")} errors={err("titleFr")} />
        <Field label={t("events.form.titleAr")} name="titleAr" lang="ar" dir="rtl" required maxLength={200} defaultValue={v("titleAr")} errors={err("titleAr")} />
        <TextArea label={t("events.form.descriptionFr")} name="descriptionFr" lang="fr" dir="ltr" required maxLength={8000} defaultValue={v("descriptionFr")} errors={err("descriptionFr")} />
        <TextArea label={t("events.form.descriptionAr")} name="descriptionAr" lang="ar" dir="rtl" required maxLength={8000} defaultValue={v("descriptionAr")} errors={err("descriptionAr")} />
        <Field label={t("events.form.startsAt")} name="startsAt" type="datetime-local" required defaultValue={v("startsAt")} errors={err("startsAt")} />
        <Field label={t("events.form.endsAt")} name="endsAt" type="datetime-local" required defaultValue={v("endsAt")} errors={err("endsAt")} />
      </div>
      <Checkbox label={t("events.form.online")} name="online" defaultChecked={v("online") === "on"} errors={err("online")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("events.form.onlineUrl")} name="onlineUrl" type="url" dir="ltr" maxLength={500} defaultValue={v("onlineUrl")} errors={err("onlineUrl")} />
        <Field label={t("events.form.city")} name="city" maxLength={100} dir="auto" defaultValue={v("city")} errors={err("city")} />
        <Select label={t("events.form.region")} name="regionCode" defaultValue={v("regionCode")} errors={err("regionCode")}>
          <option value="">{t("events.form.choose")}</option>
          {regions.map((r) => (
            <option key={r.code} value={r.code}>{locale === "ar" ? r.nameAr : r.nameFr}</option>
          ))}
        </Select>
        <Field label={t("events.form.address")} name="address" maxLength={300} dir="auto" defaultValue={v("address")} errors={err("address")} />
        <Field label={t("events.form.capacity")} name="capacity" inputMode="numeric" defaultValue={v("capacity")} hint={t("events.form.capacityHint")} errors={err("capacity")} />
        <Field label={t("events.form.standCapacity")} name="standCapacity" inputMode="numeric" defaultValue={v("standCapacity")} errors={err("standCapacity")} />
      </div>
    </div>
  );
}
