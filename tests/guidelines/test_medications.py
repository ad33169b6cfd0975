"""Medication rules and the medications provider.

Counterfactual rows: a base record and the same record with one fact (or the request) changed; the decision must
move exactly as the guideline says, under the rule named. Then the provider's parts: doses a day, how long a drug
has been taken, the morphine-equivalent calculator and the variables it computes from a record.
"""

from __future__ import annotations

import datetime as dt

import pytest

from imr.errors import RuleFileError
from imr.facts import extract_facts
from imr.guidelines.decide import decide_item
from imr.guidelines.providers.medication_dosing import (
    daily_morphine_equivalent,
    doses_per_day,
    morphine_table,
    opioid_strength,
    parse_record_date,
    read_morphine_table,
    use_weeks,
)
from imr.guidelines.providers.medications import compute
from imr.guidelines.variables import CaseDates, ItemContext
from imr.requests import parse_request
from tests.guidelines.counterfactual import decision_and_rules

D2016 = dt.date(2016, 12, 15)  # CPMTG 2016 and the Opioids Treatment Guidelines
D2015 = dt.date(2015, 12, 15)  # CPMTG 2009
D2018 = dt.date(2018, 6, 4)  # the ACOEM-based MTUS with the MTUS Drug Formulary
BACK16 = "The 44-year-old female injured her low back on 11/01/2016."
BACK15 = "The 44-year-old female injured her low back on 11/01/2015."
CHRONIC16 = "The 47-year-old male injured his low back on 03/01/2016."
CHRONIC15 = "The 47-year-old male injured his low back on 03/01/2015."
NORCO_WORKS = (
    " He has taken Norco 10/325mg three times a day since 05/01/{y}. It gives him pain relief from 8/10 to 4/10,"
    " and he has improved function: he walks longer and has returned to full duty."
)
MONITORED = " He reports no side effects. A urine drug screen was consistent, and there is no aberrant behavior."
SCI16 = "The 38-year-old male sustained a spinal cord injury at work on 03/10/2016 and has paraplegia with spasticity of both legs."
SCI15 = "The 38-year-old male sustained a spinal cord injury at work on 03/10/2015 and has paraplegia with spasticity of both legs."
NECK16 = "The 60-year-old male injured his neck on 06/02/2016 and has neuropathic arm pain."
NECK15 = "The 60-year-old male injured his neck on 06/02/2015 and has neuropathic arm pain."
KNEE16 = "The 61-year-old female injured her right knee on 05/12/2016."
KNEE15 = "The 61-year-old female injured her right knee on 05/12/2015."
STEROID_RISKS = "The risks and side effects of oral steroids were discussed with her."
MONITORED_START = "He signed an opioid agreement, and a urine drug screen was consistent."

# (name, base record, changed record, request or "base|changed" requests, date, expected base, expected changed,
#  the rule that must decide both)
ROWS: list[tuple[str, str, str, str, dt.date, str, str, str]] = [
    # ---- Opioids Treatment Guidelines 2016 ----------------------------------------------------------------
    (
        "post-op opioid: defined short supply vs no quantity",
        BACK16 + " A lumbar discectomy is scheduled.",
        BACK16 + " A lumbar discectomy is scheduled.",
        "Post-op Norco 5/325mg #30, 1 tablet every 6 hours|Post-op Norco 5/325mg",
        D2016,
        "overturned",
        "upheld",
        "opioids-2016.post-operative",
    ),
    (
        "post-op opioid: 30 days after a discectomy vs after a lumbar fusion",
        BACK16 + " A lumbar discectomy is scheduled.",
        BACK16 + " A lumbar fusion is scheduled.",
        "Post-op Norco 5/325mg #120, 1 tablet every 6 hours",
        D2016,
        "upheld",
        "overturned",
        "opioids-2016.post-operative",
    ),
    (
        "surgery done last week makes a plain opioid request post-operative",
        BACK16 + " He had a lumbar discectomy on 12/05/2016.",
        BACK16 + " He had a lumbar discectomy on 12/05/2016.",
        "Norco 5/325mg #30, 1 tablet every 6 hours|Norco 5/325mg #30",
        D2016,
        "overturned",
        "upheld",
        "opioids-2016.post-operative",
    ),
    (
        "severe acute injury: quantity stated vs not",
        "The 40-year-old male was injured on 11/20/2016 when he fractured two ribs. He has severe chest wall pain.",
        "The 40-year-old male was injured on 11/20/2016 when he fractured two ribs. He has severe chest wall pain.",
        "Oxycodone 5mg #30|Oxycodone 5mg",
        D2016,
        "overturned",
        "upheld",
        "opioids-2016.severe-acute-injury",
    ),
    (
        "initiating: screening and CURES documented vs not",
        BACK16
        + " She took naproxen without relief. The Opioid Risk Tool showed low risk and the CURES report was reviewed.",
        BACK16 + " She took naproxen without relief.",
        "Tramadol 50mg #60",
        D2016,
        "overturned",
        "upheld",
        "opioids-2016.initiating",
    ),
    (
        "continuing: improvement in pain and function vs unchanged",
        CHRONIC16 + NORCO_WORKS.format(y=2016),
        CHRONIC16 + " He has taken Norco 10/325mg three times a day since 05/01/2016. His pain is unchanged.",
        "Norco 10/325mg #90",
        D2016,
        "overturned",
        "upheld",
        "opioids-2016.continuing",
    ),
    (
        "continuing: aberrant behaviour is an indication to taper",
        CHRONIC16 + NORCO_WORKS.format(y=2016),
        CHRONIC16 + NORCO_WORKS.format(y=2016) + " He asked for early refills twice.",
        "Norco 10/325mg #90",
        D2016,
        "overturned",
        "upheld",
        "opioids-2016.continuing",
    ),
    (
        "continuing: 60 mg vs 270 mg morphine equivalent a day",
        CHRONIC16 + NORCO_WORKS.format(y=2016),
        CHRONIC16 + NORCO_WORKS.format(y=2016),
        "Oxycodone 10mg #120, 1 tablet every 6 hours|Oxycodone 30mg #180, 1 tablet every 4 hours",
        D2016,
        "overturned",
        "upheld",
        "opioids-2016.continuing",
    ),
    # ---- CPMTG 2016 ---------------------------------------------------------------------------------------
    (
        "NSAID: lumbar strain vs radiating numbness (neuropathic)",
        BACK16 + " The diagnosis is lumbar strain.",
        BACK16 + " The diagnosis is lumbar strain with numbness in the left leg.",
        "Naproxen 550mg #60",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.nsaids",
    ),
    (
        "NSAID: continued with pain relief and better function vs without documented benefit",
        BACK16
        + " The diagnosis is lumbar strain. She has taken naproxen 550 mg twice a day since 11/15/2016; with naproxen"
        " her pain drops from 7/10 to 4/10 and she is able to work full duty.",
        BACK16 + " The diagnosis is lumbar strain. She takes naproxen 550 mg twice a day.",
        "Naproxen 550mg #60",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.nsaids",
    ),
    (
        "PPI: over 65 on an NSAID vs 40 with no GI risk",
        "The 70-year-old male injured his knee on 10/01/2016. He takes naproxen twice a day with pain relief.",
        "The 40-year-old male injured his knee on 10/01/2016. He takes naproxen twice a day with pain relief.",
        "Omeprazole 20mg #30",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.gi-protection",
    ),
    (
        "H2 blocker: dyspepsia on an NSAID vs no NSAID at all",
        "The 40-year-old male injured his knee on 10/01/2016. He takes naproxen with pain relief. He has heartburn.",
        "The 40-year-old male injured his knee on 10/01/2016. He has heartburn.",
        "Famotidine 20mg #60",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.gi-protection",
    ),
    (
        "muscle relaxant: acute spasm after an NSAID vs no spasm or exacerbation",
        BACK16 + " There are paraspinal spasms. She takes ibuprofen.",
        BACK16 + " She takes ibuprofen.",
        "Tizanidine 4mg #21, 1 tablet three times a day",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.muscle-relaxants",
    ),
    (
        "cyclobenzaprine: one week vs four weeks",
        BACK16 + " There are paraspinal spasms. She takes ibuprofen.",
        BACK16 + " There are paraspinal spasms. She takes ibuprofen.",
        "Cyclobenzaprine 7.5mg #21, 1 tablet three times a day|Cyclobenzaprine 7.5mg #84, 1 tablet three times a day",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.cyclobenzaprine",
    ),
    (
        "carisoprodol is not recommended where cyclobenzaprine is",
        BACK16 + " There are paraspinal spasms. She takes ibuprofen.",
        BACK16 + " There are paraspinal spasms. She takes ibuprofen.",
        "Cyclobenzaprine 7.5mg #21, 1 tablet three times a day|Carisoprodol 350mg #21, 1 tablet three times a day",
        D2016,
        "overturned",
        "upheld",
        "",
    ),
    (
        "compound: diclofenac/menthol vs one with lidocaine",
        "The 63-year-old female injured her right knee on 10/20/2016. The diagnosis is osteoarthritis of the right knee.",
        "The 63-year-old female injured her right knee on 10/20/2016. The diagnosis is osteoarthritis of the right knee.",
        "Diclofenac 3%/Menthol 2% cream, 120 grams #1|Diclofenac 3%/Lidocaine 5% cream, 120 grams #1",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.topical-compounds",
    ),
    (
        "lidocaine: patch vs ointment",
        "The 58-year-old male injured his chest on 09/12/2016 and has intercostal neuralgia. Gabapentin did not help.",
        "The 58-year-old male injured his chest on 09/12/2016 and has intercostal neuralgia. Gabapentin did not help.",
        "Lidoderm 5% patch #30|Lidocaine 5% ointment #1",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.lidocaine",
    ),
    (
        "lidocaine patch: after gabapentin vs no first-line drug",
        "The 58-year-old male injured his chest on 09/12/2016 and has intercostal neuralgia. Gabapentin did not help.",
        "The 58-year-old male injured his chest on 09/12/2016 and has intercostal neuralgia.",
        "Lidoderm 5% patch #30",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.lidocaine",
    ),
    (
        "topical NSAID: knee osteoarthritis vs lumbar strain",
        "The 63-year-old female injured her right knee on 10/20/2016. The diagnosis is osteoarthritis. She took ibuprofen.",
        "The 63-year-old female injured her low back on 10/20/2016. The diagnosis is lumbar strain. She took ibuprofen.",
        "Voltaren 1% gel 100 grams #1",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.topical-nsaids",
    ),
    (
        "capsaicin: after failed treatment vs first treatment",
        "The 52-year-old female injured her hand on 09/01/2016. Her hand pain persists despite physical therapy, ibuprofen and a splint.",
        "The 52-year-old female injured her hand on 09/01/2016.",
        "Capsaicin 0.075% cream #1",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.capsaicin",
    ),
    (
        "salicylate topical: quantity vs none",
        CHRONIC16,
        CHRONIC16,
        "Methyl salicylate 15% cream, 120 grams #1|Methyl salicylate cream",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.salicylate-topicals",
    ),
    (
        "gabapentin: radiculopathy vs lumbar strain",
        BACK16 + " The diagnosis is lumbar radiculopathy.",
        BACK16 + " The diagnosis is lumbar strain.",
        "Gabapentin 300mg #90",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.anti-epilepsy-drugs",
    ),
    (
        "gabapentin continued: 50% vs 10% pain relief",
        BACK16
        + " The diagnosis is lumbar radiculopathy. She takes gabapentin 300 mg three times a day and reports 50% pain"
        " relief; with gabapentin she is able to walk longer.",
        BACK16
        + " The diagnosis is lumbar radiculopathy. She takes gabapentin 300 mg three times a day and reports 10% pain relief.",
        "Gabapentin 300mg #90",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.anti-epilepsy-drugs",
    ),
    (
        "antidepressant: radiculopathy vs a strain without depression",
        CHRONIC16 + " The diagnosis is lumbar radiculopathy.",
        CHRONIC16 + " The diagnosis is lumbar strain. He denies depression.",
        "Nortriptyline 25mg #30",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.antidepressants",
    ),
    (
        "acetaminophen: quantity vs none",
        BACK16,
        BACK16,
        "Acetaminophen 500mg #60|Acetaminophen 500mg",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.acetaminophen",
    ),
    (
        "benzodiazepine: two weeks vs taken since 2015",
        BACK16 + " She has anxiety.",
        BACK16 + " She has anxiety. She has taken diazepam since 2015.",
        "Diazepam 5mg #14, 1 tablet daily",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.benzodiazepines",
    ),
    (
        "zolpidem: insomnia documented vs not",
        BACK16 + " She has insomnia from the pain. Sleep hygiene measures did not help.",
        BACK16 + " Sleep hygiene measures were reviewed.",
        "Zolpidem 5mg #14, 1 tablet at bedtime",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.insomnia",
    ),
    (
        "zolpidem: sleep hygiene tried vs not",
        BACK16 + " She has insomnia from the pain. Sleep hygiene measures did not help.",
        BACK16 + " She has insomnia from the pain. Sleep hygiene has not been tried.",
        "Zolpidem 5mg #14, 1 tablet at bedtime",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.insomnia",
    ),
    (
        "ondansetron: after surgery vs for opioid nausea",
        BACK16 + " A lumbar discectomy is scheduled.",
        BACK16 + " She takes Norco and has nausea.",
        "Post-op Zofran 4mg #10|Zofran 4mg #10",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.antiemetics",
    ),
    (
        "laxative: with an opioid vs without",
        BACK16 + " She takes Norco 10/325 mg and is constipated.",
        BACK16 + " She takes ibuprofen and is constipated.",
        "Colace 100mg #60",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.opioid-constipation",
    ),
    # ---- CPMTG 2009, ODG and UpToDate -----------------------------------------------------------------------
    (
        "2009 ongoing opioids: 4 A's and urine drug testing vs no drug testing",
        CHRONIC15 + NORCO_WORKS.format(y=2015) + MONITORED,
        CHRONIC15 + NORCO_WORKS.format(y=2015) + " He reports no side effects and there is no aberrant behavior.",
        "Norco 10/325mg #90",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.opioids.ongoing",
    ),
    (
        "2009 ongoing opioids: 60 mg vs 180 mg morphine equivalent (ceiling 120)",
        CHRONIC15 + NORCO_WORKS.format(y=2015) + MONITORED,
        CHRONIC15 + NORCO_WORKS.format(y=2015) + MONITORED,
        "Oxycodone 10mg #120, 1 tablet every 6 hours|Oxycodone 20mg #180, 1 tablet every 4 hours",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.opioids.ongoing",
    ),
    (
        "2009 ongoing opioids: the ceiling can be passed with a pain specialist",
        CHRONIC15 + NORCO_WORKS.format(y=2015) + MONITORED + " He is followed by a pain management specialist.",
        CHRONIC15 + NORCO_WORKS.format(y=2015) + MONITORED,
        "Oxycodone 20mg #180, 1 tablet every 4 hours",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.opioids.ongoing",
    ),
    (
        "2009 starting opioids: treatment agreement vs none",
        BACK15 + " She took naproxen without relief. She signed an opioid agreement.",
        BACK15 + " She took naproxen without relief.",
        "Tramadol 50mg #60",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.opioids.initiating",
    ),
    (
        "2009 NSAID: strain vs neuropathic",
        BACK15 + " The diagnosis is lumbar strain.",
        BACK15 + " The diagnosis is lumbar radiculopathy.",
        "Naproxen 550mg #60",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.nsaids",
    ),
    (
        "2009 PPI: bleeding history vs none",
        BACK15 + " She takes naproxen with pain relief. She had a GI bleed in 2010.",
        BACK15 + " She takes naproxen with pain relief.",
        "Omeprazole 20mg #30",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.gi-protection",
    ),
    (
        "2009 muscle relaxant: NSAID tried vs not",
        BACK15 + " There are paraspinal spasms. She takes ibuprofen.",
        BACK15 + " There are paraspinal spasms.",
        "Methocarbamol 750mg #21, 1 tablet three times a day",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.muscle-relaxants",
    ),
    (
        "2009 cyclobenzaprine: new vs taken since 2014",
        BACK15 + " There are paraspinal spasms. She takes ibuprofen.",
        BACK15 + " There are paraspinal spasms. She takes ibuprofen. She has taken cyclobenzaprine since 2014.",
        "Cyclobenzaprine 7.5mg #21, 1 tablet three times a day",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.cyclobenzaprine",
    ),
    (
        "2009 compound: gabapentin makes it not recommended",
        "The 63-year-old female injured her right knee on 10/20/2015. The diagnosis is osteoarthritis of the right knee.",
        "The 63-year-old female injured her right knee on 10/20/2015. The diagnosis is osteoarthritis of the right knee.",
        "Diclofenac 3%/Menthol 2% cream, 120 grams #1|Diclofenac 3%/Gabapentin 6% cream, 120 grams #1",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.topical-compounds",
    ),
    (
        "2009 lidocaine patch: neuropathic vs not",
        "The 58-year-old male injured his chest on 09/12/2015 and has intercostal neuralgia. Gabapentin did not help.",
        "The 58-year-old male injured his chest on 09/12/2015 and has a chest wall contusion. Gabapentin did not help.",
        "Lidoderm 5% patch #30",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.lidocaine",
    ),
    (
        "2009 topical NSAID: knee vs shoulder",
        "The 63-year-old female injured her knee on 10/20/2015. The diagnosis is osteoarthritis. She took ibuprofen.",
        "The 63-year-old female injured her knee on 10/20/2015. The diagnosis is osteoarthritis. She took ibuprofen.",
        "Voltaren 1% gel 100 grams #1 for the right knee|Voltaren 1% gel 100 grams #1 for the right shoulder",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.topical-nsaids",
    ),
    (
        "2009 capsaicin: after failed treatment vs first",
        "The 52-year-old female injured her hand on 09/01/2015. Her hand pain persists despite physical therapy, ibuprofen and a splint.",
        "The 52-year-old female injured her hand on 09/01/2015.",
        "Capsaicin 0.075% cream #1",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.capsaicin",
    ),
    (
        "2009 salicylate topical: quantity vs none",
        CHRONIC15,
        CHRONIC15,
        "Methyl salicylate 15% cream, 120 grams #1|Methyl salicylate cream",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.salicylate-topicals",
    ),
    (
        "2009 gabapentin: radiculopathy vs strain",
        BACK15 + " The diagnosis is lumbar radiculopathy.",
        BACK15 + " The diagnosis is lumbar strain.",
        "Gabapentin 300mg #90",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.anti-epilepsy-drugs",
    ),
    (
        "2009 antidepressant: radiculopathy vs a strain without depression",
        CHRONIC15 + " The diagnosis is lumbar radiculopathy.",
        CHRONIC15 + " The diagnosis is lumbar strain. He denies depression.",
        "Nortriptyline 25mg #30",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.antidepressants",
    ),
    (
        "2009 acetaminophen: quantity vs none",
        BACK15,
        BACK15,
        "Acetaminophen 500mg #60|Acetaminophen 500mg",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.acetaminophen",
    ),
    (
        "2009 benzodiazepine: two weeks vs two months",
        BACK15 + " She has anxiety.",
        BACK15 + " She has anxiety.",
        "Diazepam 5mg #14, 1 tablet daily|Diazepam 5mg #60, 1 tablet daily",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.benzodiazepines",
    ),
    (
        "2009 laxative: with an opioid vs without",
        BACK15 + " She takes Norco 10/325 mg and is constipated.",
        BACK15 + " She takes ibuprofen and is constipated.",
        "Colace 100mg #60",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.opioid-constipation",
    ),
    (
        "2009 carisoprodol is not recommended where cyclobenzaprine is",
        BACK15 + " There are paraspinal spasms. She takes ibuprofen.",
        BACK15 + " There are paraspinal spasms. She takes ibuprofen.",
        "Cyclobenzaprine 7.5mg #21, 1 tablet three times a day|Soma 350mg #21, 1 tablet three times a day",
        D2015,
        "overturned",
        "upheld",
        "",
    ),
    (
        "ODG zolpidem (2009 era): two weeks vs taken since 2012",
        BACK15 + " She has insomnia from the pain. Sleep hygiene did not help.",
        BACK15 + " She has insomnia from the pain. Sleep hygiene did not help. She has taken Ambien since 2012.",
        "Zolpidem 5mg #14, 1 tablet at bedtime",
        D2015,
        "overturned",
        "upheld",
        "odg.zolpidem",
    ),
    (
        "ODG antiemetic (2009 era): post-operative vs opioid nausea",
        BACK15 + " A lumbar discectomy is scheduled.",
        BACK15 + " She takes Norco and has nausea.",
        "Post-op Zofran 4mg #10|Zofran 4mg #10",
        D2015,
        "overturned",
        "upheld",
        "odg.antiemetics",
    ),
    (
        "sildenafil: an amount vs three months' coverage",
        "The 61-year-old male injured his back on 09/12/2016. He reports erectile dysfunction.",
        "The 61-year-old male injured his back on 09/12/2016. He reports erectile dysfunction.",
        "Viagra 50mg #10|Three months coverage of Viagra 50mg",
        D2016,
        "overturned",
        "upheld",
        "uptodate.pde5-inhibitors",
    ),
    (
        "formulary (2018): a compound with no stated need for one is upheld, whatever its ingredients",
        "The 52-year-old male injured his low back on 04/11/2017. He takes ibuprofen and rates his pain 6/10.",
        "The 52-year-old male injured his low back on 04/11/2017. He takes ibuprofen and rates his pain 6/10.",
        "Flurbiprofen 20%/Lidocaine 5% cream 180gm|Compounded cream: gabapentin 10%, cyclobenzaprine 2%, 120 grams",
        D2018,
        "upheld",
        "upheld",
        "formulary-2018.compounded-drug.need-not-documented",
    ),
    # ---- the catalogue of drug rules (mtus-cpmtg-*.medications.yaml, odg-pain-drugs.more.yaml,
    # odg-services.medications.yaml): one row per rule -----------------------------------------------------------
    (
        "barbiturate analgesic: not recommended for headaches or for neck pain",
        BACK16 + " She has post-traumatic headaches.",
        BACK16 + " She has neck pain.",
        "Fioricet 50/325/40mg #60|Esgic #30",
        D2016,
        "upheld",
        "upheld",
        "cpmtg-2016.barbiturate-analgesics",
    ),
    (
        "2009 barbiturate analgesic: not recommended",
        BACK15 + " She has post-traumatic headaches.",
        BACK15 + " She has neck pain.",
        "Fiorinal #30|Butalbital/APAP/Caffeine 50/325/40mg #30",
        D2015,
        "upheld",
        "upheld",
        "cpmtg-2009.barbiturate-analgesics",
    ),
    (
        "baclofen for spasticity: first prescription vs unchanged spasticity",
        SCI16,
        SCI16 + " He has taken baclofen 10 mg three times a day since April 2016, and the spasticity is unchanged.",
        "Baclofen 10mg #90",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.antispasticity-drugs",
    ),
    (
        "2009 baclofen for spasticity: quantity vs none",
        SCI15,
        SCI15,
        "Baclofen 10mg #90|Baclofen 10mg",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.antispasticity-drugs",
    ),
    (
        "dantrolene without an upper motor neuron disorder is not recommended",
        BACK16 + " There are paraspinal muscle spasms.",
        BACK16 + " She has cervical strain.",
        "Dantrolene 25mg #60",
        D2016,
        "upheld",
        "upheld",
        "cpmtg-2016.dantrolene",
    ),
    (
        "2009 dantrolene without an upper motor neuron disorder is not recommended",
        BACK15 + " There are paraspinal muscle spasms.",
        BACK15 + " She has cervical strain.",
        "Dantrolene 25mg #60",
        D2015,
        "upheld",
        "upheld",
        "cpmtg-2009.dantrolene",
    ),
    (
        "medical food: not recommended",
        BACK16,
        BACK16 + " She sleeps poorly.",
        "Sentra PM #60|Trepadone #120",
        D2016,
        "upheld",
        "upheld",
        "cpmtg-2016.medical-food",
    ),
    (
        "Theramine: not recommended",
        BACK16,
        BACK16 + " She tried ibuprofen without relief.",
        "Theramine #120",
        D2016,
        "upheld",
        "upheld",
        "cpmtg-2016.theramine",
    ),
    (
        "ODG medical food (2009 era): not recommended",
        BACK15,
        BACK15 + " She sleeps poorly.",
        "Sentra PM #60|Gabadone #60",
        D2015,
        "upheld",
        "upheld",
        "odg.medical-food",
    ),
    (
        "ODG Theramine (2009 era): not recommended",
        BACK15,
        BACK15 + " She tried ibuprofen without relief.",
        "Theramine #120",
        D2015,
        "upheld",
        "upheld",
        "odg.theramine",
    ),
    (
        "compounded oral suspension: cannot swallow tablets vs can",
        NECK16 + " He has dysphagia after neck surgery and is unable to swallow pills.",
        NECK16 + " He is able to swallow tablets.",
        "Fanatrex 25mg/ml oral suspension 420ml #1",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.oral-suspension-kits",
    ),
    (
        "ODG compounded oral suspension (2009 era): cannot swallow tablets vs can",
        NECK15 + " He has dysphagia after neck surgery and is unable to swallow pills.",
        NECK15 + " He is able to swallow tablets.",
        "Fanatrex 25mg/ml oral suspension 420ml #1",
        D2015,
        "overturned",
        "upheld",
        "odg.oral-suspension-kits",
    ),
    (
        "trazodone for insomnia: with depression vs denied",
        BACK16 + " She has insomnia because of the pain, and she reports depression.",
        BACK16 + " She has insomnia because of the pain. She denies depression and denies anxiety.",
        "Trazodone 50mg #30",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.insomnia.sedating-antidepressants",
    ),
    (
        "ODG trazodone for insomnia (2009 era): with depression vs denied",
        BACK15 + " She has insomnia because of the pain, and she reports depression.",
        BACK15 + " She has insomnia because of the pain. She denies depression and denies anxiety.",
        "Trazodone 50mg #30",
        D2015,
        "overturned",
        "upheld",
        "odg.insomnia.sedating-antidepressants",
    ),
    (
        "vitamin D: deficiency vs normal level",
        BACK16 + " Laboratory testing showed vitamin D deficiency.",
        BACK16 + " Her vitamin D level was normal.",
        "Vitamin D 50,000 IU #12",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.vitamin-d",
    ),
    (
        "ODG vitamin D (2009 era): deficiency vs not documented",
        BACK15 + " Laboratory testing showed vitamin D deficiency.",
        BACK15,
        "Vitamin D 50,000 IU #12",
        D2015,
        "overturned",
        "upheld",
        "odg.vitamin-d",
    ),
    (
        "vitamin B12: deficiency vs not documented",
        BACK16 + " Laboratory testing showed B12 deficiency.",
        BACK16,
        "Vitamin B12 1000mcg #30",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.vitamins",
    ),
    (
        "ODG vitamin B12 (2009 era): deficiency vs not documented",
        BACK15 + " Laboratory testing showed B12 deficiency.",
        BACK15,
        "Vitamin B12 1000mcg #30",
        D2015,
        "overturned",
        "upheld",
        "odg.vitamins",
    ),
    (
        "glucosamine: knee osteoarthritis vs knee sprain",
        KNEE16 + " The diagnosis is osteoarthritis of the right knee.",
        KNEE16 + " The diagnosis is a knee sprain.",
        "Glucosamine 500mg #90",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.glucosamine",
    ),
    (
        "2009 glucosamine: knee osteoarthritis vs knee sprain",
        KNEE15 + " The diagnosis is osteoarthritis of the right knee.",
        KNEE15 + " The diagnosis is a knee sprain.",
        "Glucosamine 500mg #90",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.glucosamine",
    ),
    (
        "Boswellia: not recommended",
        KNEE16 + " The diagnosis is osteoarthritis of the right knee.",
        BACK16,
        "Boswellia serrata #60",
        D2016,
        "upheld",
        "upheld",
        "cpmtg-2016.boswellia",
    ),
    (
        "ODG Boswellia (2009 era): not recommended",
        KNEE15 + " The diagnosis is osteoarthritis of the right knee.",
        BACK15,
        "Boswellia serrata #60",
        D2015,
        "upheld",
        "upheld",
        "odg.boswellia",
    ),
    (
        "ketamine: not recommended, by mouth or by infusion",
        CHRONIC16,
        CHRONIC16 + " He has complex regional pain syndrome.",
        "Ketamine 10mg #30|Ketamine infusion x 5",
        D2016,
        "upheld",
        "upheld",
        "cpmtg-2016.ketamine",
    ),
    (
        "2009 ketamine: not recommended",
        CHRONIC15,
        CHRONIC15 + " He has complex regional pain syndrome.",
        "Ketamine 10mg #30|Ketamine infusion x 5",
        D2015,
        "upheld",
        "upheld",
        "cpmtg-2009.ketamine",
    ),
    (
        "testosterone: low level on opioids vs normal level",
        CHRONIC16 + " He takes oxycodone 30 mg four times a day. Laboratory testing showed low testosterone.",
        CHRONIC16 + " He takes oxycodone 30 mg four times a day. His testosterone level was normal.",
        "AndroGel 1.62% #1",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.testosterone",
    ),
    (
        "2009 testosterone: on opioids vs not",
        CHRONIC15 + " He takes oxycodone 30 mg four times a day. Laboratory testing showed low testosterone.",
        CHRONIC15 + " He takes naproxen. Laboratory testing showed low testosterone.",
        "AndroGel 1.62% #1",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.testosterone",
    ),
    (
        "buprenorphine for opioid dependence: adherent vs early refills",
        CHRONIC16 + " He has opioid use disorder and is maintained on Suboxone. Urine drug screens are consistent.",
        CHRONIC16
        + " He has opioid use disorder and is maintained on Suboxone. Urine drug screens are consistent. He reports early refills.",
        "Suboxone 8/2mg #60",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.buprenorphine",
    ),
    (
        "2009 buprenorphine for opioid dependence: quantity vs none",
        CHRONIC15 + " He has opioid use disorder and is maintained on Suboxone. Urine drug screens are consistent.",
        CHRONIC15 + " He has opioid use disorder and is maintained on Suboxone. Urine drug screens are consistent.",
        "Suboxone 8/2mg #60|Suboxone 8/2mg film",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.buprenorphine",
    ),
    (
        "ketorolac: an injection for an acute flare-up vs fifteen days of tablets",
        BACK16 + " She presents with an acute flare-up of severe low back pain.",
        BACK16 + " She presents with an acute flare-up of severe low back pain.",
        "Toradol 60mg IM injection|Ketorolac 10mg #60, 1 tablet every 6 hours",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.ketorolac",
    ),
    (
        "2009 ketorolac: acute flare-up vs chronic pain",
        BACK15 + " She presents with an acute flare-up of severe low back pain.",
        CHRONIC15 + " He has chronic low back pain.",
        "Toradol 60mg IM injection",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.ketorolac",
    ),
    (
        "oral corticosteroids: radicular vs axial pain",
        BACK16 + " She has low back pain radiating to the left leg with numbness. " + STEROID_RISKS,
        BACK16 + " She has axial low back pain without radiation. " + STEROID_RISKS,
        "Medrol Dosepak 4mg #21",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.oral-corticosteroids",
    ),
    (
        "ODG oral corticosteroids (2009 era): risks discussed vs not",
        BACK15 + " She has low back pain radiating to the left leg with numbness. " + STEROID_RISKS,
        BACK15 + " She has low back pain radiating to the left leg with numbness.",
        "Medrol Dosepak 4mg #21",
        D2015,
        "overturned",
        "upheld",
        "odg.oral-corticosteroids.low-back",
    ),
    (
        "modafinil: narcolepsy vs drowsiness on opioids",
        BACK16 + " A sleep study confirmed narcolepsy.",
        BACK16 + " She has no narcolepsy. She feels drowsy on Norco.",
        "Modafinil 200mg #30",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.modafinil",
    ),
    (
        "ODG modafinil (2009 era): narcolepsy vs none",
        BACK15 + " A sleep study confirmed narcolepsy.",
        BACK15 + " She has no narcolepsy. She feels drowsy on Norco.",
        "Modafinil 200mg #30",
        D2015,
        "overturned",
        "upheld",
        "odg.modafinil",
    ),
    (
        "buspirone: anxiety disorder vs denied",
        BACK16 + " She was diagnosed with generalized anxiety disorder.",
        BACK16 + " She denies anxiety.",
        "Buspirone 10mg #60",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.anxiety-medications",
    ),
    (
        "ODG buspirone (2009 era): anxiety disorder vs denied",
        BACK15 + " She was diagnosed with generalized anxiety disorder.",
        BACK15 + " She denies anxiety.",
        "Buspirone 10mg #60",
        D2015,
        "overturned",
        "upheld",
        "odg.anxiety-medications",
    ),
    (
        "second-line constipation drug: after laxatives vs none tried",
        CHRONIC16 + " He takes oxycodone 10 mg four times a day. Constipation persists despite Colace and senna.",
        CHRONIC16 + " He takes oxycodone 10 mg four times a day and is constipated. He has not tried any laxatives.",
        "Movantik 25mg #30",
        D2016,
        "overturned",
        "upheld",
        "cpmtg-2016.opioid-constipation.second-line",
    ),
    (
        "ODG second-line constipation drug (2009 era): after laxatives vs none tried",
        CHRONIC15 + " He takes oxycodone 10 mg four times a day. Constipation persists despite Colace and senna.",
        CHRONIC15 + " He takes oxycodone 10 mg four times a day and is constipated. He has not tried any laxatives.",
        "Movantik 25mg #30",
        D2015,
        "overturned",
        "upheld",
        "odg.opioid-constipation.second-line",
    ),
    (
        "2009 fentanyl patch: on another opioid vs first-line",
        CHRONIC15 + " He takes oxycodone 30 mg four times a day and rates his pain 8/10. " + MONITORED_START,
        CHRONIC15 + " He takes only ibuprofen and rates his pain 8/10. " + MONITORED_START,
        "Duragesic 25mcg/hr #10",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.fentanyl-patch",
    ),
    (
        "2009 methadone: with a treatment agreement vs without",
        CHRONIC15
        + " He takes Norco 10/325 mg four times a day and rates his pain 8/10. He signed an opioid agreement.",
        CHRONIC15 + " He takes Norco 10/325 mg four times a day and rates his pain 8/10.",
        "Methadone 5mg #60",
        D2015,
        "overturned",
        "upheld",
        "cpmtg-2009.methadone",
    ),
    (
        "ODG triptan: migraine vs tension headaches",
        BACK16 + " She has post-traumatic migraine headaches.",
        BACK16 + " Her headaches are tension-type; they are not migraines.",
        "Sumatriptan 50mg #9",
        D2016,
        "overturned",
        "upheld",
        "odg.triptans",
    ),
    (
        "ODG antipsychotic: bipolar disorder vs insomnia",
        BACK16 + " A psychiatrist diagnosed bipolar disorder.",
        BACK16 + " She has insomnia. There are no psychotic features, and she denies depression.",
        "Seroquel 100mg #30",
        D2016,
        "overturned",
        "upheld",
        "odg.antipsychotics",
    ),
    (
        "ODG menthol gel: acute exacerbation vs chronic pain",
        BACK16 + " She presents with an acute exacerbation of low back pain.",
        CHRONIC16 + " He has chronic low back pain.",
        "Biofreeze gel #1",
        D2016,
        "overturned",
        "upheld",
        "odg.counter-irritants",
    ),
]


@pytest.mark.parametrize(
    ("name", "base", "changed", "requests", "day", "before", "after", "rule_id"), ROWS, ids=[r[0] for r in ROWS]
)
def test_one_change_moves_the_decision(
    name: str, base: str, changed: str, requests: str, day: dt.date, before: str, after: str, rule_id: str
) -> None:
    first, _, second = requests.partition("|")
    second = second or first
    decided = [
        decide_item(1, request, extract_facts(record), CaseDates(request_date=day))
        for record, request in ((base, first), (changed, second))
    ]
    outcomes = [item.decision.value if item.decision else None for item in decided]
    assert outcomes == [before, after], [item.rationale for item in decided]
    if rule_id:
        assert all(item.rule_ids == (rule_id,) for item in decided), [item.rule_ids for item in decided]


def test_a_compound_with_its_need_documented_waits_for_the_acoem_ingredients() -> None:
    record = (
        "The 52-year-old male injured his low back on 04/11/2017. Oral NSAIDs are contraindicated because of a"
        " history of gastric bleeding."
    )
    item = decide_item(
        1, "Flurbiprofen 20%/Lidocaine 5% cream 180gm", extract_facts(record), CaseDates(request_date=D2018)
    )
    assert item.decision is None and "A compounded drug without the documented" in (item.undecided_reason or "")


def test_carisoprodol_is_decided_by_the_not_recommended_rule() -> None:
    item = decide_item(1, "Soma 350mg #30", extract_facts(BACK16), CaseDates(request_date=D2016))
    assert item.rule_ids == ("cpmtg-2016.carisoprodol",)
    assert item.decision is not None and item.decision.value == "upheld"


# ---- doses a day, weeks of use, morphine equivalents ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Post-op Norco 5/325mg #60, 1-2 tabs orally every 4-6 hrs as needed", 12.0),
        ("Pantoprazole 40mg, one by mouth, twice a day #60", 2.0),
        ("Naprosyn 550 mg bid", 2.0),
        ("OxyContin 20mg one tablet every 12 hours", 2.0),
        ("Norco 10/325 mg three times a day", 3.0),
        ("apply to affected area 4 times a day", 4.0),
        ("2 tablets three times daily", 6.0),
        ("1 tablet at bedtime", 1.0),
        ("Colace 100mg #60, 1 tablet by mouth as needed", None),
        ("Norco 10/325mg #35", None),
    ],
)
def test_doses_per_day(text: str, expected: float | None) -> None:
    assert doses_per_day(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Treatment has included Norco since at least 11-15-2016.", 4.3),
        ("She has been on cyclobenzaprine since 11/17/2016.", 4.0),
        ("He has taken Ambien since 2016.", 0.0),
        ("He has taken Ambien since 2014.", 102.1),
        ("She has used diclofenac for several months.", 13.0),
        ("He has taken tramadol for the past 2 weeks.", 2.0),
        ("She takes naproxen.", None),
        ("since 12/31/2016 (after the request)", None),
    ],
)
def test_use_weeks(text: str, expected: float | None) -> None:
    assert use_weeks(text, dt.date(2016, 12, 15)) == expected


def test_record_dates_in_dash_and_slash_forms() -> None:
    assert parse_record_date("on 11-9-2016") == dt.date(2016, 11, 9)
    assert parse_record_date("on 11/09/16") == dt.date(2016, 11, 9)
    assert parse_record_date("on 13/45/2016") is None


def test_morphine_table_examples() -> None:
    table = morphine_table()
    assert table.examples
    for example in table.examples:
        assert daily_morphine_equivalent(example.drug, example.strength, example.doses_per_day) == example.expect


@pytest.mark.parametrize(
    ("drug", "strength", "per_day", "expected"),
    [
        ("hydrocodone/acetaminophen", "7.5/325 mg", 4, 30.0),
        ("oxycodone/acetaminophen", "5/325 mg", 12, 90.0),
        ("tapentadol", "50 mg", 4, 80.0),
        ("methadone", "30 mg", 3, None),  # 90 mg a day: beyond the table's last band
        ("buprenorphine", "10 mcg/hr", 1, None),  # no factor
        ("oxycodone", "20 mg", None, None),  # doses a day unknown
        ("oxycodone", None, 2, None),
        ("fentanyl", "25 mg", 1, None),  # a patch strength must be mcg/hr
    ],
)
def test_daily_morphine_equivalent(
    drug: str, strength: str | None, per_day: float | None, expected: float | None
) -> None:
    assert daily_morphine_equivalent(drug, strength, per_day) == expected


def test_opioid_strength_takes_the_opioid_of_a_combination() -> None:
    assert opioid_strength("codeine/acetaminophen", "300/30 mg") == ("codeine", 30.0, "mg")
    assert opioid_strength("hydrocodone/acetaminophen", "10/325 mg") == ("hydrocodone", 10.0, "mg")
    assert opioid_strength("naproxen", "500 mg") is None


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"version": 1, "source": "x", "opioids": {"oxycodone": {"unit": "mg"}}}, "opioids.oxycodone"),
        (
            {"version": 1, "source": "x", "opioids": {"oxycodone": {"unit": "g", "factor": 1.5}}},
            "opioids.oxycodone.unit",
        ),
        (
            {"version": 1, "source": "x", "opioids": {"oxycodone": {"unit": "mg", "factor": -1}}},
            "opioids.oxycodone.factor",
        ),
        ({"version": 1, "source": "x", "opioids": {}}, "opioids"),
    ],
)
def test_a_broken_morphine_table_names_the_field(raw: object, field: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        read_morphine_table(raw, "morphine_equivalents.yaml")
    assert caught.value.source == "morphine_equivalents.yaml"
    assert caught.value.field == field


# ---- the variables from a record ------------------------------------------------------------------------------


def _variables(record: str, request: str, day: dt.date = D2016, *others: str) -> dict[str, object]:
    context = ItemContext(CaseDates(request_date=day), None, tuple(parse_request(o) for o in others))
    return {
        name: variable.value
        for name, variable in compute(extract_facts(record), parse_request(request), context).items()
    }


def test_a_drug_named_in_the_request_sentence_is_not_in_use() -> None:
    values = _variables(BACK16 + " The request for Ultram was denied.", "Ultram 50mg #90")
    assert values["drug_in_use"] is False
    assert values["opioid_situation"] == "initiating"


def test_a_recently_prescribed_drug_is_new() -> None:
    values = _variables(BACK16 + " Recently prescribed medications have included naproxen.", "Naproxen 550mg #60")
    assert values["drug_in_use"] is False
    assert values["nsaid_therapy"] == "new"
    assert values["drug_course_weeks"] is None  # no dosing, so the supply's length is unknown


def test_use_so_far_and_supply_make_the_course() -> None:
    values = _variables(
        BACK16 + " She has taken cyclobenzaprine 7.5 mg three times a day since 12/01/2016.",
        "Cyclobenzaprine 7.5mg #21",
    )
    assert values["drug_in_use"] is True
    assert values["drug_doses_per_day"] == 3.0
    assert values["drug_supply_days"] == 7.0
    assert values["drug_course_weeks"] == 3.0


def test_gi_risk_factors() -> None:
    assert _variables("The 70-year-old male takes naproxen.", "Omeprazole 20mg #30")["gi_risk_factor"] is True
    assert _variables("The 40-year-old male takes warfarin.", "Omeprazole 20mg #30")["gi_risk_factor"] is True
    two = _variables("The 40-year-old male takes naproxen and ibuprofen.", "Omeprazole 20mg #30")
    assert two["gi_risk_factor"] is True
    topical = _variables("The 40-year-old male takes naproxen and Voltaren gel.", "Omeprazole 20mg #30")
    assert topical["gi_risk_factor"] is None
    injected = _variables("The 40-year-old male was injected with dexamethasone.", "Omeprazole 20mg #30")
    assert injected["gi_risk_factor"] is None


def test_surgery_dated_before_the_request_makes_it_postoperative() -> None:
    recent = _variables(BACK16 + " He had a lumbar discectomy on 12/05/2016.", "Norco 5/325mg #30")
    assert recent["drug_postoperative"] is True
    assert recent["opioid_situation"] == "postoperative"
    old = _variables(BACK16 + " He had a lumbar discectomy on 01/05/2016.", "Norco 5/325mg #30")
    assert old["drug_postoperative"] is False


def test_opioid_situations() -> None:
    severe = _variables("The 40-year-old male was injured on 11/20/2016 and fractured two ribs.", "Oxycodone 5mg #30")
    assert severe["opioid_situation"] == "severe_acute"
    later = _variables("The 40-year-old male was injured on 01/20/2016 and fractured two ribs.", "Oxycodone 5mg #30")
    assert later["opioid_situation"] == "initiating"
    taking = _variables(CHRONIC16 + " He takes Norco 10/325 mg twice a day.", "Oxycodone 5mg #30")
    assert taking["opioid_situation"] == "continuing"


def test_laxative_sees_an_opioid_requested_in_the_same_case() -> None:
    values = _variables(BACK16, "Colace 100mg #60", D2016, "Post-op Norco 5/325mg #60")
    assert values["opioid_prescribed"] is True
    assert _variables(BACK16, "Colace 100mg #60")["opioid_prescribed"] is False


def test_morphine_equivalent_from_the_record_dosing() -> None:
    values = _variables(CHRONIC16 + " He takes Norco 10/325 mg three times a day.", "Norco 10/325mg #90")
    assert values["opioid_med_per_day"] == 30.0
    assert values["opioid_med_known"] is True
    unknown = _variables(CHRONIC16 + " He takes Norco.", "Norco 10/325mg #90")
    assert unknown["opioid_med_known"] is False


def test_monitoring_facts() -> None:
    values = _variables(
        CHRONIC16 + " He takes Norco. He reports no side effects. The CURES report was reviewed. He signed a pain"
        " contract. A urine drug screen was consistent.",
        "Norco 10/325mg #90",
    )
    assert values["opioid_adverse_effects_assessed"] is True
    assert values["opioid_cures_checked"] is True
    assert values["opioid_agreement"] is True
    assert values["opioid_udt"] is True
    assert values["opioid_aberrant_assessed"] is True
    assert values["opioid_taper_indication"] is False


def test_non_drug_requests_get_empty_medication_variables() -> None:
    values = _variables(BACK16, "Physical therapy x 6 for the lumbar spine")
    assert all(value is None for value in values.values())


def test_a_drug_started_in_the_past_is_a_drug_in_use() -> None:
    summary = (
        BACK16 + " She takes tramadol ER 150 mg daily, with pain 7/10 without and 3/10 with it; before tramadol was"
        " started she could not finish her shifts. A urine drug screen was consistent and a CURES report reviewed."
    )
    _, rules = decision_and_rules(summary, "Tramadol ER 150mg #30", D2016)
    assert not any(rule.endswith(".initiating") for rule in rules)
