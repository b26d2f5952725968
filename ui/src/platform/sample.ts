/**
 * The sample story the fake platform starts with: the Arab League story from
 * shared/fixtures/stories/, text kept as published (imperfections included). As in the core, the
 * caption line under the headline is the lead photo's caption and credit, not body text.
 */
import type { Doc } from "./types";

export const SAMPLE_KICKER = "Photo captions";
export const SAMPLE_HEADLINE = "AL Secretary-General calls for international efforts to eliminate IS";

/**
 * The sample's lead photo (a public-domain NASA portrait of astronaut Eileen Collins; see
 * src/assets/LICENSE-sample-lead.md): as in the core (core/src/sample.rs), its alt text says who is
 * really in it and it is marked as a stand-in, since the caption names someone else.
 */
export const SAMPLE_LEAD = {
  sha256: "5a3f0c1e9b7d2468ace013579bdf2468ace013579bdf2468ace013579bdf2468",
  caption: "AL Secretary General Ahmed Aboul-Gheit speaks at a news conference in Algiers, Algieria.",
  credit: "AFP/VNA",
  altText:
    "NASA astronaut Eileen Collins, smiling, in an orange flight suit with her helmet in front of her, a US flag and a model of the Space Shuttle behind her",
  standIn: "Sample photo — stand-in, not the person in the caption",
} as const;

const PARAGRAPHS = [
  "Speaking at the Ministerial Conference of the Global Coalition Against ISIS, held in Rome (Italy), Mr. Aboul-Gheit emphasized that the establishment of an international action unit is the key solution to ” eradicate” IS and eliminate any chance of re-emergence of transboundary threats.",
  "Referring to the dangerous escalation in Syria and Iraq, two countries that have witnessed successive terrorist attacks in recent months, the AL Secretary-General said: “We have received worrying signals. about the return of IS networks with new structures”.",
  "Aboul-Gheit said that the elimination of the terrorist organization IS depends on joint international actions, especially in the exchange of information and support for local security forces to deploy operations in the field. In addition, he stressed it is important to prevent IS activities from recruiting youth.",
  "Regarding the above issue, the same day, US Secretary of State Antony Blinken said that Washington “strongly supports Italy’s initiative to ensure that the anti-IS coalition focuses its efforts in Africa, while closely monitoring the situation. Syria and Iraq”.",
  "Speaking at a press conference with Italian Foreign Minister Luigi Di Maio, Blinken also said that the discussion on Syria within the framework of a conference in Rome to resume international efforts against IS will focus on how to bring humanitarian aid to the country. into this Middle Eastern country.",
  "Also within the framework of the meeting, Egyptian Foreign Minister Sameh Shoukry expressed concern about the increased activities of IS in some African countries. According to him, IS still poses real challenges despite the group’s networks having been dismantled in many areas in Iraq and Syria. It is therefore important to step up global efforts to limit the threat posed by this extremist group.",
  "Foreign Minister Shoukry also affirmed Egypt’s desire to strengthen cooperation with African countries in the field of counter-terrorism, and emphasized Egypt’s full support for the goals of the global coalition against IS. aimed at achieving stability and reconstruction of areas in Syria and Iraq, as well as eliminating all terrorist groups that promote the extremist views of IS.",
];

export function sampleBody(): Doc {
  return {
    type: "doc",
    content: [
      ...PARAGRAPHS.map((text) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] })),
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Related Posts" }] },
    ],
  };
}
