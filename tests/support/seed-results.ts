// Seeds a consultation with one question of each type, its workshops and many signed inputs from enrolled
// phones, over the real push route: what a dashboard or an export reads.
import { uuidv7 } from "uuidv7";
import type { DeviceIdentity } from "../../src/client/enrol/device-identity";
import type { Consultation } from "../../src/domain/consultation";
import type { Input } from "../../src/domain/input";
import type { Workshop } from "../../src/domain/workshop";
import { type CodeSource, enrol, pushAs, signedMutation, signedWorkshopMutation } from "./devices";
import { allTypesConsultation, makeInput, makeWorkshop } from "./factories";
import { seeded } from "./seeded";

const WORDS = [
  "agua",
  "camino",
  "escuela",
  "salud",
  "luz",
  "trabajo",
  "puente",
  "mercado",
  "clínica",
  "Ñuñoa",
];

/** `count` inputs over 3 workshops (Nebaj, Cunén, San Juan Ostuncalco) and none, from 2 phones. */
export async function seedResults(
  baseUrl: string,
  codes: CodeSource,
  consultation: Consultation = allTypesConsultation(),
  count = 5_000,
): Promise<{ consultation: Consultation; workshops: Workshop[]; inputs: Input[] }> {
  const random = seeded(42);
  const phones = [await enrol(baseUrl, codes), await enrol(baseUrl, codes)];
  const places = [
    { departmentCode: "14", municipalityCode: "1413", community: "Xexocom" },
    { departmentCode: "14", municipalityCode: "1412", community: "Chitzalá" },
    { departmentCode: "09", municipalityCode: "0909", community: "Agua Blanca" },
  ];
  const workshops = places.map((place, n) =>
    makeWorkshop({
      ...place,
      consultationId: consultation.id,
      deviceId: phones[n % 2]!.deviceId,
      date: `2026-11-2${n}`,
      attendance: {
        total: 40 + n,
        bySex: { female: 22, male: 18 + n },
        byPeople: { maya: 38, other: 2 + n },
      },
    }),
  );
  const inputs = Array.from({ length: count }, (_, n) => {
    const workshop = n % 10 === 9 ? undefined : workshops[n % 3]!;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    return makeInput({
      id: uuidv7(),
      consultationId: consultation.id,
      themeId: "servicios",
      deviceId: workshop?.deviceId ?? phones[0]!.deviceId,
      consent: true,
      ...(workshop ? { workshopId: workshop.id } : {}),
      demographics: n % 4 === 0 ? { sex: "female", people: "maya" } : n % 4 === 1 ? { sex: "male" } : {},
      answers: {
        "nombre-corto": `${pick(WORDS)} ${pick(WORDS)}`,
        canal: pick(["web", "oficina", "telefono"]),
        servicios: pick([["agua"], ["agua", "salud"], ["luz", "escuela"]]),
        confianza: 1 + Math.floor(random() * 5),
        prioridades: pick([
          ["agua", "caminos", "salud"],
          ["caminos", "agua"],
          ["salud", "empleo", "agua"],
        ]),
        distancia: Math.round(random() * 300) / 10,
      },
      ...(n % 7 === 0 ? { freeText: `Necesitamos ${pick(WORDS)} en la aldea` } : {}),
      createdAt: new Date(Date.UTC(2026, 10, 20 + (n % 3), 15, n % 60)).toISOString(),
    });
  });
  const send = async (phone: DeviceIdentity, mutations: unknown[]) => {
    const response = await pushAs(baseUrl, phone, { deviceId: phone.deviceId, mutations });
    const body = (await response.json()) as { results?: { status: string }[] };
    const refused = body.results?.find((result) => result.status === "rejected");
    if (response.status !== 200 || refused)
      throw new Error(`seeding: ${response.status} ${JSON.stringify(refused ?? body).slice(0, 300)}`);
  };
  for (const phone of phones) {
    const own = workshops.filter((workshop) => workshop.deviceId === phone.deviceId);
    if (own.length > 0) {
      await send(
        phone,
        await Promise.all(own.map((workshop, i) => signedWorkshopMutation(phone, workshop, i + 1))),
      );
    }
    const mine = inputs.filter((input) => input.deviceId === phone.deviceId);
    for (let i = 0; i < mine.length; i += 200) {
      await send(
        phone,
        await Promise.all(mine.slice(i, i + 200).map((input, k) => signedMutation(phone, input, i + k + 10))),
      );
    }
  }
  return { consultation, workshops, inputs };
}
