"""The six patterns of MODEL.md section 1, measured on a complex-needs-team output file.

Definitions (docs/calibration.md):
  assessments, staff, referrals: mean per person served (contacts >= 1) in each arm;
  hours: total staff hours spent on people in each arm (the same 320 people);
  face_to_face: time with the person (face-to-face work and assessment conversations) over
    hours worked, in each arm;
  returning: repeat contacts (coming back about a problem closed within the failure window,
  or after a lost referral) over all contacts, in each arm.
"""
import h5py
import numpy as np

WORKED = ["face_to_face", "assessment", "recording", "handoff", "coordination", "travel", "waiting"]


def arm_figures(group):
    s, c = group["series"], group["citizens"]
    served = c["contacts"][:] > 0
    worked = sum(s["hours_" + a][:].sum() for a in WORKED)
    contacts = s["contacts_value"][:].sum() + s["contacts_failure"][:].sum()
    return {
        "served": int(served.sum()),
        "assessments": float(c["assessments"][:][served].mean()),
        "staff": float(c["workers_met"][:][served].mean()),
        "referrals": float(c["referrals"][:][served].mean()),
        "hours": float(c["staff_hours"][:].sum()),
        "face_to_face": float((s["hours_face_to_face"][:].sum() + s["hours_assessment"][:].sum()) / worked)
        if worked else 0.0,
        "returning": float(s["repeat_contacts"][:].sum() / contacts) if contacts else 0.0,
    }


def patterns(path):
    """Relative changes (relational vs silo) and the two shares in each arm."""
    with h5py.File(path, "r") as f:
        silo = arm_figures(f["arms/silo"])
        rel = arm_figures(f["arms/relational"])
    out = {k + "_change": rel[k] / silo[k] - 1.0 for k in ["assessments", "staff", "referrals", "hours"]}
    for k in ["face_to_face", "returning"]:
        out[k + "_silo"] = silo[k]
        out[k + "_relational"] = rel[k]
    return out
