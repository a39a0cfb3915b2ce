// A tandem agreement's terms, as the agreement page and its printable copy both show them.
import { useT } from "./i18n";
import { Time } from "./time";

type Terms = {
  objectives: string;
  deliverables: string | null;
  hoursCommitted: number;
  startDate: string;
  endDate: string;
  focalPersonName: string | null;
  confidentialityNote: string | null;
};

export function AgreementTerms({ agreement }: { agreement: Terms }) {
  const t = useT();
  return (
    <dl className="space-y-2">
      <Term label={t("agreements.fields.objectives")} value={agreement.objectives} />
      <Term label={t("agreements.fields.deliverables")} value={agreement.deliverables} />
      <Term label={t("agreements.fields.hoursCommitted")} value={t("agreements.hours", { hours: agreement.hoursCommitted })} />
      <div>
        <dt className="font-semibold">
          {t("agreements.fields.startDate")} – {t("agreements.fields.endDate")}
        </dt>
        <dd>
          <Time value={agreement.startDate} /> – <Time value={agreement.endDate} />
        </dd>
      </div>
      <Term label={t("agreements.fields.focalPerson")} value={agreement.focalPersonName} />
      <Term label={t("agreements.fields.confidentialityNote")} value={agreement.confidentialityNote} />
    </dl>
  );
}

function Term({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <dt className="font-semibold">{label}</dt>
      <dd className="whitespace-pre-line" dir="auto">
        {value || "—"}
      </dd>
    </div>
  );
}
