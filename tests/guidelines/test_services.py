"""Diagnostics, evaluation and management, behavioural services, programmes and laboratory tests.

Counterfactual rows: a base record and the same record with one fact changed; the decision moves exactly as the
guideline says, under the rule named. Then the services provider's variables, one clinical sentence at a time.
None of these texts is a corpus letter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from imr.facts import extract_facts
from imr.guidelines.providers.services import SPECS
from imr.guidelines.registry import compute_variables
from imr.guidelines.variables import CaseDates, ItemContext
from imr.requests import parse_request
from tests.guidelines.counterfactual import decision_and_rules

D2015 = dt.date(2015, 3, 2)  # ACOEM 2nd edition, Elbow 2007, CPMTG 2009 in force
D2016 = dt.date(2016, 9, 1)  # CPMTG 2016 in force
D2014 = dt.date(2014, 9, 1)  # CPMTG 2009 in force
HAND = "The 45-year-old female assembler injured her right wrist on 01/05/2015."
# ACOEM ch. 11 p. 268: special studies follow four to six weeks of conservative care and observation
SPLINT = " She wears a night splint."
D2018 = dt.date(2018, 3, 1)  # the ACOEM-based MTUS; Low Back Disorders (2016) held
D2019 = dt.date(2019, 6, 3)  # Low Back Disorders (2016) still in force (until 2019-08-10)
D2022 = dt.date(2022, 8, 15)  # Low Back Disorders (2020), in the MTUS from 2021-11-23
LOW_BACK_2017 = "The 47-year-old male warehouse worker injured his low back lifting a pallet on 09/12/2017."
ELBOW = "The 50-year-old male mechanic injured his right elbow on 01/05/2015."
ELBOW_SPLINT = " He wears a night splint."
# ACOEM Elbow Disorders: short of a red flag, the elbow is imaged once conservative care has failed or a repair is in view
ELBOW_CARE = " The pain persists despite physical therapy and anti-inflammatories."
BACK16 = "The 41-year-old female clerk injured her back on 01/04/2016."

# (name, base, changed, request, date, rule id, outcome for base, outcome for changed)
ROWS: list[tuple[str, str, str, str, dt.date, str, str, str]] = [
    # ---- ACOEM ch. 11, special studies (pp. 261, 268-269) ---------------------------------------------------
    (
        "hand NCS: numb thumb and index finger vs no symptoms of entrapment",
        HAND + " She reports numbness and tingling of the right thumb and index finger." + SPLINT,
        HAND + " She has wrist pain. She denies numbness. Tinel's and Phalen's tests are negative." + SPLINT,
        "NCS of the right hand",
        D2015,
        "acoem-ch11-2004.electrodiagnostics",
        "overturned",
        "upheld",
    ),
    (
        "hand NCS: eight weeks of symptoms vs two",
        HAND + " She reports numbness of the right thumb and index finger." + SPLINT,
        HAND.replace("01/05/2015", "02/16/2015")
        + " She reports numbness of the right thumb and index finger."
        + SPLINT,
        "NCS of the right hand",
        D2015,
        "acoem-ch11-2004.electrodiagnostics",
        "overturned",
        "upheld",
    ),
    (
        "EMG: carpal versus cubital tunnel vs carpal tunnel alone",
        HAND + " Diagnoses: carpal tunnel syndrome and cubital tunnel syndrome." + SPLINT,
        HAND + " Diagnosis: carpal tunnel syndrome." + SPLINT,
        "EMG of the right hand",
        D2015,
        "acoem-ch11-2004.electrodiagnostics",
        "overturned",
        "upheld",
    ),
    (
        "repeat NCS: no earlier study vs a study that already showed carpal tunnel syndrome",
        HAND + " Diagnosis: carpal tunnel syndrome." + SPLINT,
        HAND
        + " Diagnosis: carpal tunnel syndrome. A nerve conduction study dated 02/01/2015 revealed moderate carpal tunnel syndrome."
        + SPLINT,
        "NCS of the right hand",
        D2015,
        "acoem-ch11-2004.electrodiagnostics",
        "overturned",
        "upheld",
    ),
    (
        "wrist MRI: suspected TFCC tear after splinting vs sprain",
        HAND + " Wrist pain persists despite splinting; a TFCC tear is suspected.",
        HAND + " Wrist pain persists despite splinting. Diagnosis: wrist sprain.",
        "MRI of the right wrist",
        D2015,
        "acoem-ch11-2004.imaging",
        "overturned",
        "upheld",
    ),
    (
        "wrist MRI: after seven weeks of care vs after one week",
        HAND + " Wrist pain persists despite splinting; a TFCC tear is suspected.",
        HAND.replace("01/05/2015", "02/23/2015") + " Wrist pain persists despite splinting; a TFCC tear is suspected.",
        "MRI of the right wrist",
        D2015,
        "acoem-ch11-2004.imaging",
        "overturned",
        "upheld",
    ),
    # ---- ACOEM Elbow Disorders (2007) ------------------------------------------------------------------------
    (
        "elbow NCS: suspected ulnar neuropathy vs lateral epicondylitis",
        ELBOW + " He has numbness of the ring and small fingers; ulnar neuropathy is suspected." + ELBOW_SPLINT,
        ELBOW + " Diagnosis: lateral epicondylitis. He denies numbness." + ELBOW_SPLINT,
        "NCS of the right elbow",
        D2015,
        "acoem-ch10-2007.electrodiagnostics",
        "overturned",
        "upheld",
    ),
    (
        "elbow EMG: advanced case with weakness vs sensory symptoms only",
        ELBOW + " Cubital tunnel syndrome with weakness of the intrinsic muscles." + ELBOW_SPLINT,
        ELBOW + " Cubital tunnel syndrome with numbness of the small finger." + ELBOW_SPLINT,
        "EMG of the right elbow",
        D2015,
        "acoem-ch10-2007.electrodiagnostics",
        "overturned",
        "upheld",
    ),
    (
        "elbow MRI: suspected UCL tear vs epicondylitis",
        ELBOW + " He felt a pop and a UCL tear is suspected." + ELBOW_CARE,
        ELBOW + " Diagnosis: lateral epicondylitis." + ELBOW_CARE,
        "MRI of the right elbow",
        D2015,
        "acoem-ch10-2007.imaging",
        "overturned",
        "upheld",
    ),
    # ---- ACOEM ch. 8 and ch. 12, plain films and the thoracic spine --------------------------------------------
    (
        "thoracic x-ray: history of cancer vs no red flag",
        "The 60-year-old male injured his mid back on 01/05/2015. He has a history of prostate cancer.",
        "The 60-year-old male injured his mid back on 01/05/2015. No red flags. Strength 5/5 and sensation intact.",
        "X-ray of the thoracic spine",
        D2015,
        "acoem-ch8-2004.imaging.thoracic",
        "overturned",
        "upheld",
    ),
    (
        "cervical x-ray: triceps weakness vs neurologically intact",
        "The 52-year-old female injured her neck on 01/05/2015. She has weakness of the right triceps.",
        "The 52-year-old female injured her neck on 01/05/2015. Neurologically intact. No red flags.",
        "X-ray of the cervical spine",
        D2015,
        "acoem-ch8-2004.imaging.xray-cervical",
        "overturned",
        "upheld",
    ),
    (
        "lumbar x-ray: fever vs no red flag, even after six weeks",
        "The 40-year-old male injured his low back on 01/05/2015. He has fever and night sweats.",
        "The 40-year-old male injured his low back on 01/05/2015. No red flags.",
        "X-ray of the lumbar spine",
        D2015,
        "acoem-ch12-2004.imaging.xray",
        "overturned",
        "upheld",
    ),
    # ---- ACOEM Hip and Groin (2011), outside the MTUS ------------------------------------------------------
    (
        "hip MRI: suspected avascular necrosis vs degenerative changes",
        "The 52-year-old male injured his left hip on 01/04/2016. Avascular necrosis is suspected.",
        "The 52-year-old male injured his left hip on 01/04/2016. X-rays show degenerative changes.",
        "MRI of the left hip",
        D2016,
        "acoem-hip-2011.imaging.mri",
        "overturned",
        "upheld",
    ),
    (
        "hip MRI: suspected labral tear at eight months vs at one week",
        "The 52-year-old male injured his left hip on 01/04/2016. A hip labral tear is suspected.",
        "The 52-year-old male injured his left hip on 08/25/2016. A hip labral tear is suspected.",
        "MRI of the left hip",
        D2016,
        "acoem-hip-2011.imaging.mri",
        "overturned",
        "upheld",
    ),
    # ---- ACOEM ch. 7, referral --------------------------------------------------------------------------------
    (
        "referral: failed conservative care vs intact examination without red flags",
        "The 45-year-old male injured his low back on 01/05/2015. He has weakness of the extensor hallucis longus and"
        " failed conservative treatment.",
        "The 45-year-old male injured his low back on 01/05/2015. Reflexes, strength and sensation were intact. No red flags.",
        "Referral to a spine surgeon",
        D2015,
        "acoem-ch7-2004.consultation.surgical",
        "overturned",
        "upheld",
    ),
    (
        "referral: depression present vs denied",
        "The 45-year-old male injured his low back on 01/05/2015. He reports depression that persists despite psychotherapy.",
        "The 45-year-old male injured his low back on 01/05/2015. He denies depression. No red flags. Neurologically intact.",
        "Psychiatry consultation",
        D2015,
        "acoem-ch7-2004.consultation.psychiatric",
        "overturned",
        "upheld",
    ),
    (
        "separate examination: transfer of care vs a routine follow-up",
        "The 50-year-old male has chronic low back pain since 2012. Care was transferred to a new treating physician.",
        "The 50-year-old male has chronic low back pain since 2012. He is seen monthly and is unchanged.",
        "Comprehensive physical examination",
        D2016,
        "cpmtg-2016.office-visits.examination",
        "overturned",
        "upheld",
    ),
    (
        "separate examination (ODG, 2015): transfer of care vs a routine follow-up",
        "The 50-year-old male has chronic low back pain since 2012. Care was transferred to a new treating physician.",
        "The 50-year-old male has chronic low back pain since 2012. He is seen monthly and is unchanged.",
        "Comprehensive physical examination",
        D2015,
        "odg.pain.office-visits.examination",
        "overturned",
        "upheld",
    ),
    # ---- CPMTG 2016, office visits ---------------------------------------------------------------------------
    (
        "office visit: ongoing complaints vs resolved and back at full duty",
        BACK16 + " She complains of ongoing back pain.",
        BACK16 + " She has returned to full duty.",
        "Follow-up visit",
        D2016,
        "cpmtg-2016.office-visits",
        "overturned",
        "upheld",
    ),
    (
        "clearance: diabetes before a fusion vs a healthy young patient",
        "The 64-year-old male with diabetes is scheduled for a lumbar fusion.",
        "The 34-year-old healthy male is scheduled for a lumbar fusion.",
        "Preoperative medical clearance",
        D2016,
        "cpmtg-2016.office-visits.preoperative-evaluation",
        "overturned",
        "upheld",
    ),
    # ---- drug testing ---------------------------------------------------------------------------------------
    (
        "first urine drug test: on Norco vs on ibuprofen only (2016)",
        BACK16 + " She takes Norco 10/325 mg three times a day.",
        BACK16 + " She takes ibuprofen 600 mg as needed.",
        "Urine drug screen",
        D2016,
        "cpmtg-2016.drug-testing",
        "overturned",
        "upheld",
    ),
    (
        "first urine drug test: on Norco vs on ibuprofen only (2009)",
        "The 41-year-old female injured her back on 01/06/2014. She takes Norco 10/325 mg three times a day.",
        "The 41-year-old female injured her back on 01/06/2014. She takes ibuprofen 600 mg as needed.",
        "Urine drug screen",
        D2014,
        "cpmtg-2009.drug-testing",
        "overturned",
        "upheld",
    ),
    (
        "repeat urine drug test at low risk: a year after the last vs a month after",
        BACK16 + " She takes Norco 10/325 mg. A urine drug screen on 08/15/2015 was consistent.",
        BACK16 + " She takes Norco 10/325 mg. A urine drug screen on 08/01/2016 was consistent.",
        "Urine drug screen",
        D2016,
        "odg.pain.drug-testing-frequency",
        "overturned",
        "upheld",
    ),
    (
        "repeat urine drug test one month after the last: high risk vs low risk",
        BACK16
        + " She takes Norco 10/325 mg and has a history of substance abuse. A urine drug screen on 07/25/2016 was consistent.",
        BACK16 + " She takes Norco 10/325 mg. A urine drug screen on 07/25/2016 was consistent.",
        "Urine drug screen",
        D2016,
        "odg.pain.drug-testing-frequency",
        "overturned",
        "upheld",
    ),
    # ---- psychological evaluation and treatment, biofeedback -------------------------------------------------
    (
        "psychological evaluation: anxiety vs none",
        BACK16 + " She reports anxiety since the injury.",
        BACK16 + " She denies anxiety or depression and is improving.",
        "Psychological evaluation",
        D2016,
        "cpmtg-2016.psychological-evaluation",
        "overturned",
        "upheld",
    ),
    (
        "CBT trial: 4 visits vs 8 visits",
        BACK16 + " She has depression.",
        BACK16 + " She has depression.",
        "Cognitive behavioral therapy x 4 sessions|Cognitive behavioral therapy x 8 sessions",
        D2016,
        "cpmtg-2016.behavioral-interventions.initial-trial",
        "overturned",
        "upheld",
    ),
    (
        "CBT trial: at risk and stalled in therapy vs at risk but never given physical medicine",
        BACK16 + " She has fear avoidance. She completed 8 sessions of physical therapy without improvement.",
        BACK16 + " She has fear avoidance.",
        "Cognitive behavioral therapy x 4 sessions",
        D2016,
        "cpmtg-2016.behavioral-interventions.initial-trial",
        "overturned",
        "upheld",
    ),
    (
        "more CBT: improvement within 10 visits vs 8 given already",
        BACK16 + " She completed 4 sessions of cognitive behavioral therapy with functional improvement.",
        BACK16 + " She completed 8 sessions of cognitive behavioral therapy with functional improvement.",
        "Additional cognitive behavioral therapy x 4 sessions",
        D2016,
        "cpmtg-2016.behavioral-interventions.continued",
        "overturned",
        "upheld",
    ),
    (
        "CBT trial in 2014: 4 visits vs 6 visits",
        "The 41-year-old female injured her back on 01/06/2014. She has depression.",
        "The 41-year-old female injured her back on 01/06/2014. She has depression.",
        "Cognitive behavioral therapy x 4 sessions|Cognitive behavioral therapy x 6 sessions",
        D2014,
        "cpmtg-2009.behavioral-interventions.initial-trial",
        "overturned",
        "upheld",
    ),
    (
        "biofeedback: within CBT vs stand-alone",
        BACK16 + " She is currently in cognitive behavioral therapy.",
        BACK16 + " She has back pain.",
        "Biofeedback x 4 sessions",
        D2016,
        "cpmtg-2016.biofeedback",
        "overturned",
        "upheld",
    ),
    (
        "psychological evaluation in 2014: fear avoidance vs none",
        "The 41-year-old female injured her back on 01/06/2014. She has fear avoidance beliefs.",
        "The 41-year-old female injured her back on 01/06/2014. She denies anxiety or depression.",
        "Psychological evaluation",
        D2014,
        "cpmtg-2009.psychological-evaluation",
        "overturned",
        "upheld",
    ),
    (
        "more CBT in 2014: improvement vs none",
        "The 41-year-old female injured her back on 01/06/2014. She completed 4 sessions of cognitive behavioral therapy with functional improvement.",
        "The 41-year-old female injured her back on 01/06/2014. She completed 4 sessions of cognitive behavioral therapy without functional improvement.",
        "Additional cognitive behavioral therapy x 4 sessions",
        D2014,
        "cpmtg-2009.behavioral-interventions.continued",
        "overturned",
        "upheld",
    ),
    (
        "biofeedback in 2014: requested with CBT vs alone",
        "The 41-year-old female injured her back on 01/06/2014. She is currently in cognitive behavioral therapy.",
        "The 41-year-old female injured her back on 01/06/2014. She has back pain.",
        "Biofeedback x 4 sessions",
        D2014,
        "cpmtg-2009.biofeedback",
        "overturned",
        "upheld",
    ),
    # ---- programmes --------------------------------------------------------------------------------------------
    (
        "FRP admission: all criteria vs negative predictors not addressed",
        BACK16 + " She failed conservative treatment and has exhausted conservative treatment. She is unable to perform"
        " activities of daily living. She is not a surgical candidate. A multidisciplinary evaluation was done."
        " She is motivated to change. Negative predictors of success have been addressed.",
        BACK16 + " She failed conservative treatment and has exhausted conservative treatment. She is unable to perform"
        " activities of daily living. She is not a surgical candidate. A multidisciplinary evaluation was done."
        " She is motivated to change.",
        "Functional restoration program x 80 hours",
        D2016,
        "cpmtg-2016.functional-restoration.admission",
        "overturned",
        "upheld",
    ),
    (
        "FRP admission: two weeks vs four weeks requested",
        BACK16 + " She failed conservative treatment and has exhausted conservative treatment. She is unable to perform"
        " activities of daily living. She is not a surgical candidate. A multidisciplinary evaluation was done."
        " She is motivated to change. Negative predictors of success have been addressed.",
        BACK16 + " She failed conservative treatment and has exhausted conservative treatment. She is unable to perform"
        " activities of daily living. She is not a surgical candidate. A multidisciplinary evaluation was done."
        " She is motivated to change. Negative predictors of success have been addressed.",
        "Functional restoration program x 80 hours|Functional restoration program x 160 hours",
        D2016,
        "cpmtg-2016.functional-restoration.admission",
        "overturned",
        "upheld",
    ),
    (
        "FRP continued: within 20 days vs beyond",
        BACK16 + " She completed 10 days of the functional restoration program with functional improvement.",
        BACK16 + " She completed 15 days of the functional restoration program with functional improvement.",
        "Functional restoration program x 80 hours",
        D2016,
        "cpmtg-2016.functional-restoration.continued",
        "overturned",
        "upheld",
    ),
    (
        "FRP continued in 2014: gains vs none",
        "The 47-year-old male injured his back on 01/06/2013. He completed 10 days of the functional restoration program with functional improvement.",
        "The 47-year-old male injured his back on 01/06/2013. He completed 10 days of the functional restoration program without functional improvement.",
        "Functional restoration program x 80 hours",
        D2014,
        "cpmtg-2009.functional-restoration.continued",
        "overturned",
        "upheld",
    ),
    (
        "work conditioning: within two years of the injury vs three years after",
        "The 35-year-old male injured his back on 01/04/2016. He is unable to perform his usual job. He completed"
        " 12 sessions of physical therapy and has plateaued. He is not a surgical candidate. He is able to"
        " tolerate 4 hours a day. His employer has a position for him.",
        "The 35-year-old male injured his back on 01/04/2013. He is unable to perform his usual job. He completed"
        " 12 sessions of physical therapy and has plateaued. He is not a surgical candidate. He is able to"
        " tolerate 4 hours a day. His employer has a position for him.",
        "Work conditioning 10 visits",
        D2016,
        "cpmtg-2016.work-conditioning",
        "overturned",
        "upheld",
    ),
    (
        "work conditioning: a first programme vs a repeat",
        "The 35-year-old male injured his back on 01/04/2016. He is unable to perform his usual job. He completed"
        " 12 sessions of physical therapy and has plateaued. He is not a surgical candidate. He is able to"
        " tolerate 4 hours a day. His employer has a position for him.",
        "The 35-year-old male injured his back on 01/04/2016. He is unable to perform his usual job. He completed"
        " 12 sessions of physical therapy and has plateaued. He is not a surgical candidate. He is able to"
        " tolerate 4 hours a day. His employer has a position for him. He previously completed work conditioning.",
        "Work conditioning 10 visits",
        D2016,
        "cpmtg-2016.work-conditioning",
        "overturned",
        "upheld",
    ),
    (
        "FRP admission in 2014: not a surgical candidate vs surgery being considered",
        "The 47-year-old male injured his back on 01/06/2013. He failed conservative treatment and has exhausted"
        " conservative treatment. He is unable to perform activities of daily living. He is not a surgical candidate."
        " A multidisciplinary evaluation was done. He is motivated to change. Negative predictors of success have been"
        " addressed.",
        "The 47-year-old male injured his back on 01/06/2013. He failed conservative treatment and has exhausted"
        " conservative treatment. He is unable to perform activities of daily living. He is a surgical candidate."
        " A multidisciplinary evaluation was done. He is motivated to change. Negative predictors of success have been"
        " addressed.",
        "Functional restoration program x 80 hours",
        D2014,
        "cpmtg-2009.functional-restoration.admission",
        "overturned",
        "upheld",
    ),
    (
        "work conditioning in 2014: 10 visits vs 12",
        "The 35-year-old male injured his back on 01/06/2014. He is unable to perform his usual job. He completed"
        " 12 sessions of physical therapy and has plateaued. He is not a surgical candidate. He is able to"
        " tolerate 4 hours a day. His employer has a position for him.",
        "The 35-year-old male injured his back on 01/06/2014. He is unable to perform his usual job. He completed"
        " 12 sessions of physical therapy and has plateaued. He is not a surgical candidate. He is able to"
        " tolerate 4 hours a day. His employer has a position for him.",
        "Work conditioning 10 visits|Work conditioning 12 visits",
        D2014,
        "cpmtg-2009.work-conditioning",
        "overturned",
        "upheld",
    ),
    (
        "gym: failed home program, equipment, supervision vs no equipment need",
        BACK16
        + " Her home exercise program has failed, she requires specialized equipment and the program will be medically supervised.",
        BACK16 + " Her home exercise program has failed and the program will be medically supervised.",
        "Gym membership",
        D2016,
        "odg.gym-membership",
        "overturned",
        "upheld",
    ),
    (
        "transportation: unable to drive vs no car",
        BACK16 + " She is wheelchair bound.",
        BACK16 + " She does not have a car.",
        "Transportation to/from all medical appointments",
        D2016,
        "odg.knee.transportation",
        "overturned",
        "upheld",
    ),
    # ---- ODG head and spine studies ------------------------------------------------------------------------
    (
        "head CT: confused the day after the fall vs two months later and alert",
        "The 66-year-old male injured his head in a fall on 08/31/2016 and is confused.",
        "The 66-year-old male injured his head in a fall on 06/30/2016. He is alert and oriented.",
        "CT scan of head",
        D2016,
        "odg.head.ct",
        "overturned",
        "upheld",
    ),
    (
        "EEG: new seizures since the assessment vs better",
        "The 32-year-old male injured his head on 07/01/2016. He has had new seizures since the initial assessment.",
        "The 32-year-old male injured his head on 07/01/2016. He has no deterioration and is better.",
        "Electroencephalogram",
        D2016,
        "odg.head.eeg",
        "overturned",
        "upheld",
    ),
    (
        "SSEP: suspected myelopathy vs radiculopathy",
        "The 58-year-old female injured her neck on 01/04/2016. She has hyperreflexia and cervical myelopathy is suspected.",
        "The 58-year-old female injured her neck on 01/04/2016. She has cervical radiculopathy.",
        "SSEP of the upper extremities",
        D2016,
        "odg.low-back.ssep",
        "overturned",
        "upheld",
    ),
    # ---- ODG preoperative testing ----------------------------------------------------------------------------
    (
        "pre-op chest x-ray: COPD vs healthy",
        "The 45-year-old male with COPD is scheduled for a knee arthroscopy.",
        "The 45-year-old healthy male is scheduled for a knee arthroscopy.",
        "Pre-op chest x-ray",
        D2016,
        "odg.preoperative.chest-xray",
        "overturned",
        "upheld",
    ),
    (
        "pre-op CBC: total knee arthroplasty vs arthroscopy",
        "The 45-year-old male is scheduled for a total knee arthroplasty.",
        "The 45-year-old male is scheduled for a knee arthroscopy.",
        "Pre-op labs: CBC",
        D2016,
        "odg.preoperative.cbc",
        "overturned",
        "upheld",
    ),
    (
        "pre-op CMP: on hydrochlorothiazide vs no medications named",
        "The 45-year-old male takes hydrochlorothiazide and is scheduled for a knee arthroscopy.",
        "The 45-year-old male is scheduled for a knee arthroscopy.",
        "Pre-op labs: CMP",
        D2016,
        "odg.preoperative.metabolic-panel",
        "overturned",
        "upheld",
    ),
    (
        "pre-op PT/PTT: on warfarin vs not",
        "The 66-year-old male takes warfarin and is scheduled for a lumbar fusion.",
        "The 66-year-old male is scheduled for a lumbar fusion.",
        "Pre-op labs: PT/PTT",
        D2016,
        "odg.preoperative.coagulation",
        "overturned",
        "upheld",
    ),
    (
        "pre-op urinalysis: hernia repair with mesh vs without it said",
        "The 59-year-old male is scheduled for an umbilical hernia repair with mesh.",
        "The 59-year-old male is scheduled for an umbilical hernia repair.",
        "Pre-op urinalysis",
        D2016,
        "odg.preoperative.urinalysis",
        "overturned",
        "upheld",
    ),
    (
        "pre-op EKG: coronary disease before an intermediate-risk operation vs a low-risk one",
        "The 67-year-old male with coronary artery disease is scheduled for a total knee arthroplasty.",
        "The 67-year-old male with coronary artery disease is scheduled for a knee arthroscopy.",
        "Associated surgical service: EKG",
        D2016,
        "odg.preoperative.ecg",
        "overturned",
        "upheld",
    ),
    # ---- laboratory monitoring -------------------------------------------------------------------------------
    (
        "CBC for an NSAID user vs no NSAID (2016)",
        BACK16 + " She takes naproxen 550 mg twice a day.",
        BACK16 + " She uses ice and a brace.",
        "Labs: CBC",
        D2016,
        "cpmtg-2016.labs.nsaid-monitoring",
        "overturned",
        "upheld",
    ),
    (
        "chemistry panel for an NSAID user vs no NSAID (2009)",
        "The 55-year-old female injured her knee on 01/06/2014 and takes naproxen 550 mg twice a day.",
        "The 55-year-old female injured her knee on 01/06/2014 and uses ice and a brace.",
        "Labs: CMP",
        D2014,
        "cpmtg-2009.labs.nsaid-monitoring",
        "overturned",
        "upheld",
    ),
    # ---- ODG Pain, Office visits, before the 2016 CPMTG took the section into the MTUS ------------------------
    (
        "ODG office visit: ongoing pain on medication vs back at full duty",
        "The 41-year-old male injured his low back on 03/02/2014. He reports ongoing low back pain and takes"
        " ibuprofen 800 mg three times a day.",
        "The 41-year-old male injured his low back on 03/02/2014. He has returned to full duty.",
        "Follow-up visit with the treating physician",
        D2015,
        "odg.pain.office-visits",
        "overturned",
        "upheld",
    ),
    (
        "ODG clearance: diabetes and COPD vs healthy",
        "The 66-year-old female with diabetes and chronic obstructive pulmonary disease is scheduled for a right knee"
        " arthroscopy.",
        "The 29-year-old healthy male is scheduled for a left carpal tunnel release.",
        "Preoperative medical clearance",
        D2015,
        "odg.pain.office-visits.preoperative-evaluation",
        "overturned",
        "upheld",
    ),
    # ---- ACOEM Low Back Disorders in the MTUS from 2017-12-01: acupuncture -----------------------------------
    (
        "ACOEM acupuncture: pain 7/10 vs 2/10",
        LOW_BACK_2017 + " He rates his low back pain 7/10 and keeps up a home exercise program.",
        LOW_BACK_2017 + " He rates his low back pain 2/10 and keeps up a home exercise program.",
        "Acupuncture x 6 for the lumbar spine",
        D2018,
        "acoem-lbd-2016.acupuncture.first-course",
        "overturned",
        "upheld",
    ),
    (
        "ACOEM acupuncture continued: improved function vs completion and benefit undocumented",
        LOW_BACK_2017 + " He completed 6 sessions of acupuncture with improved function: he returned to full duty.",
        LOW_BACK_2017 + " Six sessions of acupuncture were authorized. His low back pain is 7/10.",
        "Additional acupuncture x 6 for the lumbar spine",
        D2018,
        "acoem-lbd-2016.acupuncture.continued",
        "overturned",
        "upheld",
    ),
    (
        "ACOEM acupuncture continued: improved function vs no improvement from 8 sessions",
        LOW_BACK_2017 + " He completed 6 sessions of acupuncture with improved function: he returned to full duty.",
        LOW_BACK_2017 + " He completed 8 sessions of acupuncture without functional improvement.",
        "Additional acupuncture x 4 for the lumbar spine",
        D2019,
        "acoem-lbd-2016.acupuncture.continued",
        "overturned",
        "upheld",
    ),
    # ---- ACOEM Low Back Disorders (2020) in the MTUS from 2021-11-23: mattresses ---------------------------------
    (
        "ACOEM mattress: no basis for a particular mattress, whether or not sleep is disturbed",
        "The 58-year-old male injured his low back on 05/17/2021. His low back pain disturbs his sleep.",
        "The 58-year-old male injured his low back on 05/17/2021. He sleeps well.",
        "Orthopedic mattress for the lumbar spine",
        D2022,
        "acoem-lbd-2020.dme.mattress",
        "upheld",
        "upheld",
    ),
    # ---- diagnostics: plain films, bone scans, ankle and foot, hip, FCE, ODG studies ------------------------------
    (
        "shoulder x-ray: a suspected dislocation after a fall vs shoulder strain at the first visit",
        "The 52-year-old female fell onto her right arm on 08/29/2016. A dislocation of the right shoulder is suspected.",
        "The 52-year-old female strained her right shoulder lifting boxes on 08/29/2016. No red flags. She was given naproxen.",
        "X-rays of the right shoulder",
        D2016,
        "acoem-ch9-2004.imaging.xray",
        "overturned",
        "upheld",
    ),
    (
        "elbow x-ray: suspected radial head fracture vs epicondylitis",
        "The 38-year-old male injured his left elbow in a fall on 08/29/2016. An olecranon fracture is suspected.",
        "The 38-year-old male has lateral left elbow pain since 08/29/2016; diagnosis lateral epicondylitis. No red flags.",
        "X-rays of the left elbow",
        D2016,
        "acoem-ch10-2007.imaging.xray",
        "overturned",
        "upheld",
    ),
    (
        "wrist x-ray: snuffbox tenderness after a fall vs keyboard wrist pain",
        "The 30-year-old male fell on his outstretched right hand on 08/29/2016. A scaphoid fracture is suspected.",
        "The 30-year-old male has right wrist pain from keyboard work since 08/29/2016. No red flags.",
        "X-ray of the right wrist",
        D2016,
        "acoem-ch11-2004.imaging.xray",
        "overturned",
        "upheld",
    ),
    (
        "hand bone scan: occult scaphoid fracture vs wrist pain with normal films",
        "The 30-year-old male fell on his outstretched right hand on 08/10/2016. X-rays were negative and an occult scaphoid fracture is suspected.",
        "The 30-year-old male has right wrist pain with typing since 08/10/2016. X-rays were normal. No red flags.",
        "Bone scan of the right wrist",
        D2016,
        "acoem-ch11-2004.bone-scan",
        "overturned",
        "upheld",
    ),
    (
        "knee x-ray: unable to bear weight with patellar tenderness vs a twisting injury walked off",
        "The 47-year-old male fell onto his right knee on 08/30/2016. He was unable to bear weight and has tenderness over the patella.",
        "The 47-year-old male twisted his right knee on 08/30/2016. He walks without a limp and has no effusion. No red flags.",
        "X-rays of the right knee",
        D2016,
        "acoem-ch13-2004.imaging.xray",
        "overturned",
        "upheld",
    ),
    (
        "ankle x-ray: malleolar bone tenderness vs ligament tenderness only",
        "The 29-year-old male rolled his right ankle on 08/31/2016. There is bony tenderness at the tip of the lateral malleolus.",
        "The 29-year-old male rolled his right ankle on 08/31/2016. There is mild swelling over the anterior talofibular ligament; he walks normally. No red flags.",
        "X-rays of the right ankle",
        D2016,
        "acoem-ch14-2004.imaging.xray",
        "overturned",
        "upheld",
    ),
    (
        "ankle MRI: suspected osteochondral lesion after failed therapy vs plantar fasciitis",
        "The 35-year-old female injured her left ankle on 01/04/2016. Deep ankle pain with catching persists despite physical therapy and naproxen; an osteochondral lesion of the talus is suspected.",
        "The 35-year-old female has left heel pain since 01/04/2016 diagnosed as plantar fasciitis; it persists despite stretching and naproxen.",
        "MRI of the left ankle",
        D2016,
        "acoem-ch14-2004.imaging.mri-ct",
        "overturned",
        "upheld",
    ),
    (
        "foot bone scan: suspected stress fracture vs plantar fasciitis",
        "The 26-year-old female has point tenderness over the second metatarsal since 06/01/2016; radiographs were negative and a stress fracture is suspected.",
        "The 26-year-old female has heel pain from plantar fasciitis since 06/01/2016. No red flags.",
        "Bone scan of the left foot",
        D2016,
        "acoem-ch14-2004.bone-scan",
        "overturned",
        "upheld",
    ),
    (
        "orthotics: plantar fasciitis vs low back pain",
        "The 44-year-old female has heel pain with the first steps in the morning since 01/04/2016; diagnosis plantar fasciitis.",
        "The 44-year-old female has low back pain since 01/04/2016.",
        "Custom orthotics",
        D2016,
        "acoem-ch14-2004.orthotics",
        "overturned",
        "upheld",
    ),
    (
        "heel injection: plantar fasciitis after failed stretching vs at the first visit",
        "The 50-year-old male has left plantar fasciitis since 01/04/2016 that has persisted despite stretching, heel cups and naproxen.",
        "The 50-year-old male has left plantar fasciitis since 08/25/2016, diagnosed at the first visit.",
        "Left heel corticosteroid injection",
        D2016,
        "acoem-ch14-2004.injection.corticosteroid",
        "overturned",
        "upheld",
    ),
    (
        "ankle hyaluronic acid or prolotherapy: not recommended whatever the history",
        "The 47-year-old female has right ankle arthritis after a fracture in 01/2016.",
        "The 47-year-old female has right ankle pain that persists despite therapy and a cortisone injection.",
        "Hyaluronic acid injection of the right ankle|Prolotherapy of the right ankle",
        D2016,
        "acoem-ch14-2004.injection.other",
        "upheld",
        "upheld",
    ),
    (
        "lumbar bone scan: suspected metastasis vs mechanical pain",
        "The 66-year-old female with a history of breast cancer has low back pain at night since 01/04/2016; metastatic disease is suspected.",
        "The 40-year-old male has mechanical low back pain since 01/04/2016. No red flags.",
        "Bone scan of the lumbar spine",
        D2016,
        "acoem-ch12-2004.bone-scan",
        "overturned",
        "upheld",
    ),
    (
        "cervical bone scan: suspected osteomyelitis vs neck strain",
        "The 60-year-old male has neck pain with fever since 01/04/2016; osteomyelitis of the cervical spine is suspected.",
        "The 40-year-old male has neck pain and stiffness since 01/04/2016. No red flags.",
        "Bone scan of the cervical spine",
        D2016,
        "acoem-ch8-2004.bone-scan",
        "overturned",
        "upheld",
    ),
    (
        "lumbar discography: not recommended, with a fusion planned or not",
        "The 44-year-old male has axial low back pain since 01/04/2016 and a fusion is being considered.",
        "The 44-year-old male has axial low back pain since 01/04/2016.",
        "Lumbar discogram L4-5, L5-S1",
        D2016,
        "acoem-ch12-2004.discography",
        "upheld",
        "upheld",
    ),
    (
        "cervical discography: not recommended, with a fusion planned or not",
        "The 47-year-old male has axial neck pain since 01/04/2016 and a fusion is being considered.",
        "The 47-year-old male has axial neck pain since 01/04/2016.",
        "Cervical discogram C5-6, C6-7",
        D2016,
        "odg.neck.discography",
        "upheld",
        "upheld",
    ),
    (
        "FCE: failed return to work and conflicting reports vs improving and not at MMI",
        "The 51-year-old male injured his low back on 01/04/2016. He returned to modified duty but was unable to keep up and was taken off work again.",
        "The 51-year-old male injured his low back on 01/04/2016. He is improving with therapy and is not yet at MMI.",
        "Functional capacity evaluation",
        D2016,
        "acoem-ch7-2004.functional-capacity-evaluation",
        "overturned",
        "upheld",
    ),
    (
        "hip x-ray: suspected hip fracture after a fall vs improving buttock strain",
        "The 63-year-old female slipped and fell onto her right hip on 08/30/2016. A hip fracture is suspected.",
        "The 40-year-old male strained his right buttock lifting on 08/30/2016. It is improving. No red flags.",
        "X-ray of the right hip",
        D2016,
        "acoem-hip-2011.imaging.xray",
        "overturned",
        "upheld",
    ),
    (
        "hip CT: occult femoral neck fracture vs normal radiographs without red flags",
        "The 70-year-old male fell from a step on 08/30/2016. Radiographs were negative and an occult fracture of the femoral neck is suspected.",
        "The 45-year-old male has right hip pain since 01/04/2016. No red flags. Radiographs were normal.",
        "CT of the right hip",
        D2016,
        "acoem-hip-2011.imaging.ct",
        "overturned",
        "upheld",
    ),
    (
        "brain MRI: new weakness and confusion after a negative CT vs headaches with a normal examination",
        "The 45-year-old male struck his head on 06/12/2016. A CT of the head was negative, but he has since developed right-sided hemiparesis and increasing confusion.",
        "The 45-year-old male struck his head on 06/12/2016. He has intermittent headaches. He is alert and oriented with a non-focal neurological examination.",
        "MRI of the brain",
        D2016,
        "odg.head.mri",
        "overturned",
        "upheld",
    ),
    (
        "spine ultrasound: not recommended, radiating pain or not",
        "The 39-year-old male has low back pain radiating to the left leg since 01/04/2016.",
        "The 39-year-old male has axial low back pain since 01/04/2016.",
        "Diagnostic ultrasound of the lumbar spine",
        D2016,
        "odg.ultrasound.spine",
        "upheld",
        "upheld",
    ),
    (
        "wrist ultrasound: a ganglion that splinting has not settled, excision considered vs wrist pain",
        "The 42-year-old female has a painful dorsal wrist swelling since 01/04/2016; a ganglion cyst is suspected. It persists despite splinting, and excision is being considered.",
        "The 42-year-old female has right wrist pain since 01/04/2016. It persists despite splinting.",
        "Ultrasound of the right wrist",
        D2016,
        "odg.ultrasound.limb",
        "overturned",
        "upheld",
    ),
    (
        "abdominal ultrasound: occult hernia vs a hernia palpable on examination",
        "The 38-year-old male has right groin pain with straining since 06/12/2016; an occult inguinal hernia is suspected.",
        "The 38-year-old male has a reducible right inguinal hernia since 06/12/2016, palpable on examination.",
        "Ultrasound of the abdomen",
        D2016,
        "odg.hernia.imaging",
        "overturned",
        "upheld",
    ),
    (
        "chest x-ray: rib tenderness after a fall vs low back pain with clear lungs",
        "The 50-year-old male fell against a railing on 08/30/2016. He has point tenderness over the left lower ribs.",
        "The 50-year-old male has chronic low back pain since 01/04/2016. Lungs are clear.",
        "Chest x-ray",
        D2016,
        "odg.chest.imaging",
        "overturned",
        "upheld",
    ),
    (
        "bone scan without a region: suspected CRPS vs widespread pain",
        "The 44-year-old female has burning pain, swelling and colour change of the right hand since a crush injury on 01/04/2016; complex regional pain syndrome is suspected.",
        "The 44-year-old female has chronic widespread pain since 01/04/2016. No red flags.",
        "Three phase bone scan",
        D2016,
        "odg.bone-scan",
        "overturned",
        "upheld",
    ),
    (
        "myelography: a pacemaker prevents MRI before planned decompression vs an MRI that matches the examination",
        "The 58-year-old male with a cardiac pacemaker has left leg weakness since 01/04/2016, and a lumbar decompression is planned; he cannot have an MRI.",
        "The 58-year-old male has left leg pain since 01/04/2016. An MRI of the lumbar spine showed an L4-5 disc herniation consistent with his examination. He is not a surgical candidate.",
        "Lumbar myelogram",
        D2016,
        "odg.myelography",
        "overturned",
        "upheld",
    ),
    (
        "PET scan: not recommended, memory complaints or not",
        "The 46-year-old male struck his head on 04/01/2016 and reports memory problems.",
        "The 46-year-old male struck his head on 04/01/2016 and reports headaches.",
        "PET scan of the brain",
        D2016,
        "odg.pet-scan",
        "upheld",
        "upheld",
    ),
    (
        "digital motion x-ray: not recommended, stiff or not",
        "The 35-year-old female has neck pain and stiffness since a collision on 03/01/2016.",
        "The 35-year-old female has neck pain since a collision on 03/01/2016.",
        "Digital motion x-ray of the cervical spine",
        D2016,
        "odg.videofluoroscopy",
        "upheld",
        "upheld",
    ),
    (
        "surface EMG: not recommended, spasm or not",
        "The 41-year-old male has low back pain with paraspinal spasm since 01/04/2016.",
        "The 41-year-old male has low back pain since 01/04/2016.",
        "Surface EMG of the lumbar spine",
        D2016,
        "odg.surface-emg",
        "upheld",
        "upheld",
    ),
    (
        "current perception threshold testing: not recommended, numb hands or not",
        "The 52-year-old female has numbness of both hands since 01/04/2016.",
        "The 52-year-old female has wrist pain since 01/04/2016.",
        "Current perception threshold testing of the upper extremities",
        D2016,
        "odg.sensory-threshold-testing",
        "upheld",
        "upheld",
    ),
    (
        "thermography: suspected CRPS vs radiating back pain",
        "The 37-year-old female has burning pain, swelling and temperature change of the left hand since a wrist fracture on 01/04/2016; complex regional pain syndrome is suspected.",
        "The 37-year-old male has low back pain radiating to the left leg since 01/04/2016.",
        "Thermography of the upper extremities|Thermography of the lumbar spine",
        D2016,
        "odg.thermography",
        "overturned",
        "upheld",
    ),
    (
        "autonomic testing: suspected CRPS vs chronic neck pain",
        "The 37-year-old female has burning pain and sweating changes of the right foot since a crush injury on 01/04/2016; complex regional pain syndrome is suspected.",
        "The 37-year-old male has chronic neck pain since 01/04/2016.",
        "Autonomic testing",
        D2016,
        "odg.autonomic-testing",
        "overturned",
        "upheld",
    ),
    (
        "range of motion and grip testing: not recommended as separate services",
        "The 48-year-old female has right wrist pain since a distal radius fracture on 01/04/2016.",
        "The 48-year-old male has chronic low back pain since 01/04/2016.",
        "Grip strength testing|Computerized range of motion testing",
        D2016,
        "odg.examination-components",
        "upheld",
        "upheld",
    ),
    (
        "genetic testing: not recommended, on opioids or not",
        "The 55-year-old male takes Norco 10/325 mg three times a day for low back pain since 01/04/2015.",
        "The 55-year-old male has low back pain since 01/04/2015.",
        "Genetic testing for opioid risk|Cytokine DNA testing",
        D2016,
        "odg.genetic-testing",
        "upheld",
        "upheld",
    ),
    (
        "sleep study: snoring with witnessed apneas vs sleep disturbed by pain",
        "The 53-year-old male has low back pain since 01/04/2015. His wife reports loud snoring and witnessed apneas, and he has excessive daytime sleepiness.",
        "The 53-year-old male has low back pain since 01/04/2015 and has difficulty sleeping because of the pain.",
        "Sleep study",
        D2016,
        "odg.sleep-study",
        "overturned",
        "upheld",
    ),
    (
        "audiogram: tinnitus and hearing loss after a blast vs dizziness and hearing loss denied",
        "The 44-year-old male was injured in an explosion at work on 06/01/2016 and reports ringing in the ears and decreased hearing.",
        "The 44-year-old male was injured at work on 06/01/2016 and has low back pain. He denies dizziness, vertigo or hearing loss.",
        "Audiogram",
        D2016,
        "odg.audiometry",
        "overturned",
        "upheld",
    ),
    (
        "bone densitometry: no guideline criteria, on steroids or not",
        "The 62-year-old female has chronic low back pain since 01/04/2016 and takes prednisone for asthma.",
        "The 62-year-old female has chronic low back pain since 01/04/2016.",
        "DEXA scan",
        D2016,
        "odg.bone-densitometry",
        "upheld",
        "upheld",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_one_fact_changes_the_decision(row: tuple[str, str, str, str, dt.date, str, str, str]) -> None:
    _, base, changed, requests, on, rule_id, before, after = row
    first, _, second = requests.partition("|")
    decision, rules = decision_and_rules(base, first, on)
    assert (decision, rules) == (before, (rule_id,))
    decision, rules = decision_and_rules(changed, second or first, on)
    assert (decision, rules) == (after, (rule_id,))


# ---- routing: which chapter governs an arm study ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "rule_id"),
    [
        (HAND + " She reports numbness of the right thumb and index finger.", "acoem-ch11-2004.electrodiagnostics"),
        (HAND + " Diagnosis: carpal tunnel syndrome.", "acoem-ch11-2004.electrodiagnostics"),
        (
            "The 41-year-old female injured her neck on 01/05/2015. She reports numbness radiating from the neck to the right hand.",
            "acoem-ch8-2004.electrodiagnostics",
        ),
        (
            "The 41-year-old female injured her neck on 01/05/2015. Diagnoses: cervical radiculopathy and carpal tunnel syndrome.",
            "acoem-ch8-2004.electrodiagnostics",
        ),
    ],
)
def test_an_arm_study_goes_to_the_hand_chapter_only_for_an_entrapment(summary: str, rule_id: str) -> None:
    _, rules = decision_and_rules(summary, "NCS of the right upper extremity", D2015)
    assert rules == (rule_id,)


def test_a_hand_study_is_governed_by_the_hand_chapter_whatever_the_record() -> None:
    _, rules = decision_and_rules(
        "The 41-year-old female injured her neck on 01/05/2015.", "EMG/NCS of the bilateral hands", D2015
    )
    assert rules == ("acoem-ch11-2004.electrodiagnostics",)


# ---- the provider's variables, one sentence at a time -----------------------------------------------------------


def _values(summary: str, request: str, on: dt.date = D2016, others: tuple[str, ...] = ()) -> dict[str, Any]:
    context = ItemContext(CaseDates(request_date=on), None, tuple(parse_request(o) for o in others))
    variables = compute_variables(extract_facts(summary), parse_request(request), context)
    return {name: variable.value for name, variable in variables.items()}


VARIABLE_ROWS: list[tuple[str, str, str, Any]] = [
    (
        "She reports numbness of the left thumb and index finger.",
        "NCS of the left upper extremity",
        "nerve_entrapment_suspected",
        True,
    ),
    (
        "Pain radiates from the neck to the left hand with numbness.",
        "NCS of the left upper extremity",
        "nerve_entrapment_suspected",
        None,
    ),
    (
        "Pain radiates from the neck to the left hand with numbness.",
        "NCS of the left upper extremity",
        "radiculopathy_suspected",
        True,
    ),
    ("Cubital tunnel syndrome is suspected.", "NCS of the left elbow", "nerve_entrapment_suspected", True),
    ("There was no evidence of ulnar neuropathy.", "NCS of the left elbow", "nerve_entrapment_suspected", False),
    ("Carpal tunnel syndrome and cubital tunnel syndrome.", "EMG of the left hand", "several_nerve_diagnoses", True),
    ("Carpal tunnel syndrome.", "EMG of the left hand", "several_nerve_diagnoses", False),
    ("A prior nerve conduction study was inconclusive.", "EMG of the left hand", "several_nerve_diagnoses", True),
    ("An EMG dated 11/30/2016 revealed carpal tunnel syndrome.", "EMG/NCS of the left hand", "prior_same_study", True),
    ("EMG and NCS of the left hand were ordered.", "EMG/NCS of the left hand", "prior_same_study", False),
    ("An MRI of the left knee showed a meniscal tear.", "MRI of the left hip", "prior_same_study", False),
    ("An MRI of the left hip showed a labral tear.", "MRI of the left hip", "prior_same_study", True),
    ("Rule out avascular necrosis of the hip.", "MRI of the left hip", "suspected_osteonecrosis", True),
    ("An occult fracture of the femoral neck is suspected.", "MRI of the left hip", "suspected_fracture", True),
    ("He had a finger fracture last year.", "MRI of the left hip", "suspected_fracture", None),
    ("A hip labral tear is suspected.", "MRI of the left hip", "suspected_soft_tissue_tear", True),
    ("He has a meniscal tear of the right knee.", "MRI of the left hip", "suspected_soft_tissue_tear", None),
    ("He is alert and oriented.", "CT scan of head", "altered_mental_status", False),
    ("He is confused.", "CT scan of head", "altered_mental_status", True),
    ("He struck his head with loss of consciousness.", "CT scan of head", "head_injury_risk", True),
    ("He has hyperreflexia and clonus.", "SSEP of the lower extremities", "myelopathy_suspected", True),
    ("Intraoperative monitoring is planned.", "Intraoperative SSEP monitoring", "intraoperative_monitoring", True),
    ("She has depression.", "Psychological evaluation", "psychosocial_factors", True),
    ("She denies depression.", "Psychological evaluation", "psychosocial_factors", False),
    (
        "She completed 6 sessions of cognitive behavioral therapy.",
        "Additional CBT x 4 sessions",
        "psych_total_sessions",
        10,
    ),
    ("She has never seen a psychologist.", "CBT x 4 sessions", "psych_prior_sessions", 0),
    (
        "She completed 10 days of the functional restoration program.",
        "Functional restoration program x 80 hours",
        "program_total_days",
        20,
    ),
    (
        "She is a candidate for a functional restoration program.",
        "Functional restoration program x 2 weeks",
        "program_requested_days",
        10,
    ),
    (
        "She has not had a functional restoration program.",
        "Functional restoration program x 80 hours",
        "program_prior_days",
        0,
    ),
    ("He has hypertension.", "Pre-op labs: CMP", "chronic_disease", True),
    ("He smokes cigarettes.", "Pre-op labs: CMP", "chronic_disease", None),
    ("He smokes cigarettes.", "Pre-op chest x-ray", "pulmonary_risk", True),
    ("He takes Coumadin.", "Pre-op labs: PT/PTT", "bleeding_risk", True),
    ("Scheduled for a carpal tunnel release.", "Pre-op EKG", "surgery_risk_level", "low"),
    ("Scheduled for an open umbilical hernia repair.", "Pre-op EKG", "surgery_risk_level", "intermediate"),
    ("No surgery is named.", "Pre-op labs: PT/PTT", "lab_panel", "coagulation"),
    ("No surgery is named.", "Associated surgical service: UA", "preoperative_test", True),
    ("No surgery is named.", "Labs: CBC", "preoperative_test", False),
    ("He takes Norco 10/325 mg.", "Urine drug screen", "opioid_therapy", True),
    ("A urine drug screen on 06/01/2016 was consistent.", "Urine drug screen", "months_since_drug_test", 3.0),
    ("He has a history of substance abuse.", "Urine drug screen", "drug_test_risk", "high"),
    ("He reports anxiety.", "Urine drug screen", "drug_test_risk", "moderate"),
    ("He is wheelchair bound.", "Transportation", "self_transport_prevented", True),
    ("Ulnar neuropathy at the elbow.", "NCS of the left elbow", "nerve_entrapment_suspected", True),
    ("Ulnar neuropathy at the elbow.", "NCS of the left elbow", "radiculopathy_suspected", False),
    ("Her home exercise program has not been effective.", "Gym membership", "home_exercise_ineffective", True),
    ("She does her home exercise program.", "Gym membership", "home_exercise_ineffective", None),
    ("He has worsening headaches since the concussion.", "Electroencephalogram", "neuro_deterioration", True),
    (
        "There is a return to work goal agreed with the employer.",
        "Work conditioning 10 visits",
        "return_to_work_goal",
        True,
    ),
    (
        "She needs assistance with activities of daily living.",
        "Functional restoration program x 80 hours",
        "independent_function_loss",
        True,
    ),
    ("He is scheduled for abdominal surgery.", "Pre-op EKG", "surgery_risk_level", "intermediate"),
    ("He is scheduled for a total knee arthroplasty.", "Pre-op urinalysis", "foreign_material", True),
    (
        "A T7-8 thoracic epidural steroid injection is planned.",
        "MRI of the thoracic spine",
        "procedure_planned_for_region",
        True,
    ),
    (
        "Also ordered was an L5-S1 lumbar epidural steroid injection.",
        "MRI of the thoracic spine",
        "procedure_planned_for_region",
        None,
    ),
]


@pytest.mark.parametrize(
    ("summary", "request_text", "name", "expected"), VARIABLE_ROWS, ids=[f"{r[2]}: {r[0]}" for r in VARIABLE_ROWS]
)
def test_variable(summary: str, request_text: str, name: str, expected: Any) -> None:
    assert _values(summary, request_text)[name] == expected


def test_weeks_since_injury_from_the_record() -> None:
    values = _values("The 40-year-old male injured his wrist on 08/04/2016.", "NCS of the right hand")
    assert (values["days_since_injury"], values["weeks_since_injury"]) == (28, 4.0)


def test_biofeedback_within_a_cbt_request_of_the_same_case() -> None:
    alone = _values("She has back pain.", "Biofeedback x 4 sessions")
    with_cbt = _values(
        "She has back pain.", "Biofeedback x 4 sessions", others=("Cognitive behavioral therapy x 4 sessions",)
    )
    assert (alone["biofeedback_request"], alone["cbt_program"], with_cbt["cbt_program"]) == (True, None, True)


def test_an_opioid_requested_in_the_same_case_counts_as_opioid_therapy() -> None:
    values = _values("He has back pain.", "Urine drug screen", others=("Norco 10/325mg #60",))
    assert values["opioid_therapy"] is True


def test_every_variable_is_computed() -> None:
    values = _values("He has back pain.", "Urine drug screen")
    assert {spec.name for spec in SPECS} <= set(values)


def test_a_statement_quotes_the_record() -> None:
    facts = extract_facts("An EMG dated 11/30/2016 revealed carpal tunnel syndrome. She is numb.")
    context = ItemContext(CaseDates(request_date=D2016))
    variable = compute_variables(facts, parse_request("EMG of the left hand"), context)["prior_same_study"]
    [fact] = variable.evidence
    assert facts.text[fact.span.start : fact.span.end] == fact.text
    assert fact.text.startswith("An EMG dated 11/30/2016 revealed carpal tunnel syndrome")
