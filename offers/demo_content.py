"""Demo content for `manage.py seed_demo`: fictional councils, their offers and demo logins.

Everything here is invented. Phone numbers come only from Ofcom's drama range
(0161 496 0000 to 0161 496 0999) and web and email addresses use the reserved `.example`
domain. Allowances use realistic 2025-26 national minimum fostering rates for each council's
region, then plausible April 2026 rates for the second published version.

The data is plain dicts and lists so that the command stays thin: a section dict holds the
Section fields plus lists of entries under the keys of offers.models.ENTRY_TYPES. An allowance
may carry `amount_from_april_2026`: the command publishes version 1 with `amount`, then moves
the allowance to the new amount (from the offer's `april_2026_applies_from`) and publishes
version 2.
"""

import datetime
from decimal import Decimal

DEMO_PASSWORD = "kinship-demo"

FIRST_SUMMARY = "First published offer"
RATES_SUMMARY = "Weekly allowance rates updated for April 2026"

COUNCILS = [
    {
        "name": "Ashdown Borough Council",
        "slug": "ashdown",
        "gss_code": "E06900101",
        "region": "south_east",
        "website": "https://ashdown.example",
        "email": "kinship@ashdown.example",
        "phone": "0161 496 0100",
        "brand_colour": "#00703c",
    },
    {
        "name": "Brackenford City Council",
        "slug": "brackenford",
        "gss_code": "E06900102",
        "region": "west_midlands",
        "website": "https://brackenford.example",
        "email": "kinshipcare@brackenford.example",
        "phone": "0161 496 0200",
        "brand_colour": "#4c2c92",
    },
    {
        "name": "Coldmere County Council",
        "slug": "coldmere",
        "gss_code": "E10900103",
        "region": "north_west",
        "website": "https://coldmere.example",
        "email": "kinship.team@coldmere.example",
        "phone": "0161 496 0300",
        "brand_colour": "#005a87",
    },
    # Active but with no offer yet, so the home page shows a council that has not published.
    {
        "name": "Fernholt Metropolitan Borough Council",
        "slug": "fernholt",
        "gss_code": "E08900104",
        "region": "yorkshire",
        "website": "https://fernholt.example",
        "email": "childrens.services@fernholt.example",
        "phone": "0161 496 0400",
        "brand_colour": "#8a1538",
    },
]

USERS = [
    {
        "username": "admin",
        "first_name": "Sam",
        "last_name": "Portal",
        "email": "admin@kinship-portal.example",
        "is_superuser": True,
        "memberships": [],
    },
    {
        "username": "ashdown-editor",
        "first_name": "Jordan",
        "last_name": "Hale",
        "email": "jordan.hale@ashdown.example",
        "is_superuser": False,
        "memberships": [("ashdown", "editor")],
    },
    {
        "username": "ashdown-approver",
        "first_name": "Helen",
        "last_name": "Okafor",
        "email": "helen.okafor@ashdown.example",
        "is_superuser": False,
        "memberships": [("ashdown", "approver")],
    },
    {
        "username": "brackenford-editor",
        "first_name": "Amrit",
        "last_name": "Sandhu",
        "email": "amrit.sandhu@brackenford.example",
        "is_superuser": False,
        "memberships": [("brackenford", "editor")],
    },
]


def _fostering_allowances(bands, *, applies_from, how_to_apply, notes):
    """One weekly fostering allowance per age band: (age band, 2025-26 rate, April 2026 rate)."""
    return [
        {
            "name": "Fostering allowance",
            "arrangement_types": ["kinship_foster"],
            "amount": Decimal(amount),
            "amount_from_april_2026": Decimal(new_amount),
            "frequency": "weekly",
            "means_tested": False,
            "applies_from": applies_from,
            "age_band": age_band,
            "how_to_apply": how_to_apply,
            "notes": notes,
        }
        for age_band, amount, new_amount in bands
    ]


# --- Ashdown Borough Council (South East) ---------------------------------------------------

_ASHDOWN_FROM = datetime.date(2025, 4, 7)

ASHDOWN = {
    "published_by": "ashdown-approver",
    "april_2026_applies_from": datetime.date(2026, 4, 6),
    "title": "Kinship support in Ashdown",
    "introduction": (
        "We want every child who lives with family or friends to be safe, happy and settled. "
        "You may have taken the child in at very short notice. You do not have to manage on "
        "your own.\n\n"
        "This page tells you what help we give, who can get it and how to ask for it. The help "
        "you get depends on what your family needs, not only on the type of court order you "
        "have."
    ),
    "manager_name": "Helen Okafor",
    "manager_job_title": "Head of Children in Care and Kinship Services",
    "last_reviewed": datetime.date(2026, 2, 16),
    "next_review_due": datetime.date(2027, 2, 15),
    "sections": [
        {
            "kind": "general_approach",
            "heading": "How we support kinship families",
            "summary": "What we promise you, and how we work with your family.",
            "body": (
                "We will:\n\n"
                "- listen to you and to your child\n"
                "- give you a named worker you can call\n"
                "- tell you about all the money you can get\n"
                "- reply to your calls and emails within 2 working days\n\n"
                "We asked kinship carers and young people in Ashdown what they needed. Their "
                "answers shaped this offer. We check it with them every year."
            ),
            "arrangement_types": [],
        },
        {
            "kind": "eligibility",
            "heading": "Who can get help",
            "summary": "Any family in Ashdown raising a relative's or a friend's child can ask "
            "us for help.",
            "body": (
                "You can ask for help if you look after a child who cannot live with their "
                "parents, and you are their grandparent, aunt, uncle, brother, sister or a "
                "family friend.\n\n"
                "Some help is for everyone. Some help depends on how the child came to live "
                "with you, for example if you have a court order. Each part of this page says "
                "who it is for.\n\n"
                "If you look after a child who is not your relative for 28 days or more, this "
                "is called **private fostering**. You must tell us about it.\n\n"
                "Not sure what you can get? Call us on 0161 496 0100 and we will tell you."
            ),
            "arrangement_types": [],
        },
        {
            "kind": "financial",
            "heading": "Money you can get",
            "summary": "Weekly allowances, a one-off payment to get set up, and help to claim "
            "benefits.",
            "body": (
                "How much we pay depends on the child's age and the type of care. Amounts "
                "change every April. Each amount below shows the date it applies from.\n\n"
                "If you have a special guardianship order (SGO) or a child arrangements order "
                "(CAO), we look at your income to work out your allowance. This is called a "
                "**means test**. We check it again every year.\n\n"
                "You may also be able to get Child Benefit from the government. If one or both "
                "of the child's parents have died, you may get Guardian's Allowance too. We "
                "can help you check."
            ),
            "arrangement_types": [],
            "allowances": [
                *_fostering_allowances(
                    [
                        ("Age 0 to 2", "188.00", "194.00"),
                        ("Age 3 to 4", "193.00", "199.00"),
                        ("Age 5 to 10", "215.00", "221.00"),
                        ("Age 11 to 15", "244.00", "251.00"),
                        ("Age 16 to 17", "284.00", "293.00"),
                    ],
                    applies_from=_ASHDOWN_FROM,
                    how_to_apply="We set this up when you are approved as a foster carer. You "
                    "do not need to apply.",
                    notes="This is the national minimum fostering allowance for the South "
                    "East. We pay it every Monday.",
                ),
                {
                    "name": "Special guardianship allowance",
                    "arrangement_types": ["sgo"],
                    "amount": Decimal("182.75"),
                    "amount_from_april_2026": Decimal("187.85"),
                    "frequency": "weekly",
                    "means_tested": True,
                    "applies_from": _ASHDOWN_FROM,
                    "age_band": "Age 0 to 10",
                    "how_to_apply": "Ask your social worker before the court makes the order. "
                    "If you already have an SGO, call the kinship team and ask for a means "
                    "test form.",
                    "notes": "This is the most we pay a week. It is 85% of our fostering "
                    "allowance. Most families get a bit less once we look at their income.",
                },
                {
                    "name": "Special guardianship allowance",
                    "arrangement_types": ["sgo"],
                    "amount": Decimal("241.40"),
                    "amount_from_april_2026": Decimal("249.05"),
                    "frequency": "weekly",
                    "means_tested": True,
                    "applies_from": _ASHDOWN_FROM,
                    "age_band": "Age 11 to 17",
                    "how_to_apply": "Ask your social worker before the court makes the order. "
                    "If you already have an SGO, call the kinship team and ask for a means "
                    "test form.",
                    "notes": "This is the most we pay a week. It is 85% of our fostering "
                    "allowance for older children.",
                },
                {
                    "name": "Child arrangements order allowance",
                    "arrangement_types": ["cao"],
                    "amount": Decimal("150.00"),
                    "amount_from_april_2026": Decimal("155.00"),
                    "frequency": "weekly",
                    "means_tested": True,
                    "applies_from": _ASHDOWN_FROM,
                    "age_band": "Any age",
                    "how_to_apply": "Call the kinship team. We will send you a short form "
                    "about your income.",
                    "notes": "We pay this if we asked you to take the child in, or if the "
                    "child was in our care before.",
                },
                {
                    "name": "Setting-up payment",
                    "arrangement_types": ["kinship_foster", "sgo", "cao"],
                    "amount": Decimal("400.00"),
                    "frequency": "one_off",
                    "means_tested": False,
                    "applies_from": _ASHDOWN_FROM,
                    "how_to_apply": "Ask your social worker in the first 3 months after the "
                    "child moves in.",
                    "notes": "For things like a bed, a car seat or new clothes.",
                },
            ],
            "support_services": [
                {
                    "title": "Help to check your benefits",
                    "arrangement_types": [],
                    "description": "An adviser checks that you get all the benefits you can. "
                    "They can help you fill in the forms.",
                    "provider": "Ashdown Welfare Rights Service",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0140 or email benefits@ashdown.example.",
                },
            ],
        },
        {
            "kind": "practical",
            "heading": "Practical help at home",
            "summary": "Beds, car seats and help getting your child to school.",
            "body": (
                "When a child arrives in a hurry, you may need things straight away. Tell us "
                "what you need. We will help where we can."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Emergency items",
                    "arrangement_types": [],
                    "description": "We can give you a bed, bedding, a car seat or a buggy. "
                    "This often takes less than a week.",
                    "provider": "Ashdown Borough Council kinship team",
                    "cost": "Free",
                    "how_to_get": "Ask your named worker or call the kinship team.",
                },
                {
                    "title": "Help getting to school",
                    "arrangement_types": [],
                    "description": "If your child needs to stay at their old school, we can "
                    "help pay for bus fares or a taxi for up to one school term.",
                    "provider": "Ashdown school travel team",
                    "cost": "Free",
                    "how_to_get": "Ask your named worker. They will contact the school travel "
                    "team for you.",
                },
            ],
        },
        {
            "kind": "legal",
            "heading": "Legal advice",
            "summary": "Free advice from a solicitor before you decide about a court order.",
            "body": (
                "A solicitor is a lawyer who can tell you your rights. Going to court can feel "
                "scary. Getting advice first can help you decide what is right for your "
                "family.\n\n"
                "If we ask you to apply for a special guardianship order (SGO) or a child "
                "arrangements order (CAO), we pay your legal costs. This includes the court "
                "fee."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Free first meeting with a solicitor",
                    "arrangement_types": [],
                    "description": "Up to 3 hours of advice from a family law solicitor. You "
                    "choose one from our list.",
                    "provider": "Family law solicitors in Ashdown",
                    "cost": "Free (we pay up to £750)",
                    "how_to_get": "Ask your social worker for a letter. Take it to the solicitor.",
                },
                {
                    "title": "Paying for your court case",
                    "arrangement_types": ["sgo", "cao"],
                    "description": "If we ask you to apply for an SGO or a CAO, we pay your "
                    "solicitor and the court fee.",
                    "provider": "Ashdown Borough Council",
                    "cost": "Free to you",
                    "how_to_get": "Your social worker will agree this with you in writing "
                    "before you apply.",
                },
            ],
        },
        {
            "kind": "health",
            "heading": "Health and wellbeing",
            "summary": "Help with your child's feelings and behaviour, and with your own health.",
            "body": (
                "Many children in kinship care have had a hard start in life. They may feel "
                "angry, sad or scared. This is normal, and help is there.\n\n"
                "Looking after a child is tiring. Your health matters too. Talk to your GP "
                "(family doctor) if you feel low or stressed."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Therapy for your child",
                    "arrangement_types": ["kinship_foster", "sgo", "cao", "adoption"],
                    "description": "A therapist works with your child and with you. This can "
                    "be play therapy, talking therapy or family therapy.",
                    "provider": "Ashdown Therapeutic Support Team",
                    "cost": "Free",
                    "how_to_get": "Ask your social worker. We may apply to the Adoption and "
                    "Special Guardianship Support Fund (ASGSF) to pay for it.",
                },
                {
                    "title": "Counselling for carers",
                    "arrangement_types": [],
                    "description": "Six sessions with a counsellor, just for you.",
                    "provider": "Ashdown Family Friends (a local charity)",
                    "cost": "Free",
                    "how_to_get": "Call Ashdown Family Friends on 0161 496 0150.",
                },
            ],
        },
        {
            "kind": "education",
            "heading": "Your child's education",
            "summary": "Help at nursery and school, including from our Virtual School.",
            "body": (
                "Every council has a **Virtual School**. It is not a school building. It is a "
                "team that helps children in care, and children who used to be in care, do "
                "well at school.\n\n"
                "If your child was in care before you got an SGO or CAO, they get priority for "
                "school places. Their school also gets extra money to help them. This money is "
                "called Pupil Premium Plus."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Advice from the Virtual School",
                    "arrangement_types": ["kinship_foster", "sgo", "cao", "adoption"],
                    "description": "The Virtual School can talk to your child's school for "
                    "you and give advice on extra help in class.",
                    "provider": "Ashdown Virtual School",
                    "cost": "Free",
                    "how_to_get": "Email virtualschool@ashdown.example.",
                },
                {
                    "title": "Free holiday clubs",
                    "arrangement_types": [],
                    "description": "Holiday clubs with a free meal, for children in kinship "
                    "care aged 5 to 16.",
                    "provider": "Ashdown Holiday Activities Programme",
                    "cost": "Free",
                    "how_to_get": "Book at https://ashdown.example/holiday-clubs.",
                },
            ],
        },
        {
            "kind": "carer_training",
            "heading": "Training for you",
            "summary": "Free courses to help you understand and care for your child.",
            "body": (
                "All our courses are free. You can bring a friend or family member who helps "
                "you. We can pay for childcare while you come to a course."
            ),
            "arrangement_types": [],
            "training_courses": [
                {
                    "title": "Understanding your child's feelings",
                    "arrangement_types": [],
                    "description": "How trauma (very upsetting things that happened) can "
                    "change the way a child behaves, and what helps.",
                    "format": "both",
                    "when": "Thursdays 10am to 12pm, for 4 weeks, every school term",
                    "provider": "Ashdown kinship team",
                    "how_to_book": "Book online or email training@ashdown.example.",
                    "booking_url": "https://ashdown.example/kinship/training",
                    "cost": "Free",
                },
                {
                    "title": "Keeping children safe online",
                    "arrangement_types": [],
                    "description": "Phones, games and social media: how to set limits and "
                    "spot problems.",
                    "format": "online",
                    "when": "One Wednesday evening each term, 7pm to 8:30pm",
                    "provider": "Ashdown Family Friends",
                    "how_to_book": "Book online.",
                    "booking_url": "https://ashdown.example/kinship/online-safety",
                    "cost": "Free",
                },
                {
                    "title": "Getting ready to be a foster carer",
                    "arrangement_types": ["kinship_foster"],
                    "description": "What it means to be an approved foster carer, and what we "
                    "will ask of you.",
                    "format": "in_person",
                    "when": "One Saturday a month, 10am to 3pm",
                    "provider": "Ashdown Fostering Team",
                    "how_to_book": "Your assessing social worker will book a place for you.",
                    "booking_url": "",
                    "cost": "Free",
                },
            ],
        },
        {
            "kind": "peer_support",
            "heading": "Meet other kinship carers",
            "summary": "Groups where you can talk to people who understand.",
            "body": (
                "Many carers tell us that meeting others in the same situation helps the most. "
                "You do not have to talk if you do not want to. Just come along."
            ),
            "arrangement_types": [],
            "peer_groups": [
                {
                    "name": "Grandparents' coffee morning",
                    "arrangement_types": [],
                    "description": "Tea, cake and a chat with other grandparents who are "
                    "raising grandchildren.",
                    "meets": "Second Tuesday of the month, 10am to 12pm",
                    "venue": "Ashdown Library, Market Street, Ashdown",
                    "online": False,
                    "run_by": "Ashdown Family Friends",
                    "contact": "Call Maureen on 0161 496 0151",
                },
                {
                    "name": "Evening carers' group",
                    "arrangement_types": [],
                    "description": "For carers who work in the day. We meet on a video call.",
                    "meets": "Last Thursday of the month, 7:30pm to 8:30pm",
                    "venue": "",
                    "online": True,
                    "run_by": "Ashdown kinship team",
                    "contact": "Email kinship@ashdown.example for the link",
                },
                {
                    "name": "KinKids club",
                    "arrangement_types": [],
                    "description": "Games and trips for children aged 8 to 14 who live with "
                    "family or friends.",
                    "meets": "Every other Saturday in term time, 10am to 12pm",
                    "venue": "The Orchard Family Centre, Mill Lane, Ashdown",
                    "online": False,
                    "run_by": "Ashdown Youth Service",
                    "contact": "Call 0161 496 0152",
                },
            ],
        },
        {
            "kind": "social_work",
            "heading": "What our social workers do",
            "summary": "How a social worker can help you, from assessments to plans and reviews.",
            "body": (
                "Not every kinship family needs a social worker. But a social worker can help "
                "with the things listed below. You can ask for any of them. Call the kinship "
                "team on 0161 496 0100."
            ),
            "arrangement_types": [],
            "social_work_services": [
                {
                    "kind": "form_k",
                    "arrangement_types": ["kinship_foster"],
                    "what_happens": "If the child is in our care and you want them to live "
                    "with you, a social worker assesses you as a foster carer. This is called "
                    "a Form K assessment. They visit you a few times, talk to your family and "
                    "check that your home is safe.",
                    "who_can_ask": "Relatives and friends who want to care for a child who is "
                    "in our care.",
                    "timescale": "Usually 16 weeks. The child can live with you while it happens.",
                    "how_to_ask": "The child's social worker will start this with you.",
                },
                {
                    "kind": "support_plan",
                    "arrangement_types": ["kinship_foster", "sgo", "cao"],
                    "what_happens": "A social worker writes a support plan with you. It says "
                    "what help you will get, like money, training or therapy. We check the "
                    "plan with you at least once a year, or sooner if things change.",
                    "who_can_ask": "Kinship foster carers, and carers with an SGO or CAO.",
                    "timescale": "Written within 4 weeks. Checked every year.",
                    "how_to_ask": "Ask your named worker, or call the kinship team.",
                },
                {
                    "kind": "court_report",
                    "arrangement_types": ["sgo", "cao"],
                    "what_happens": "If you apply for a special guardianship order (SGO), the "
                    "court asks us for a report. A social worker meets you, the child and the "
                    "child's parents, then writes it. For a child arrangements order (CAO), "
                    "the court may ask us for a report too.",
                    "who_can_ask": "Anyone applying to court for an SGO or CAO for a child in "
                    "Ashdown.",
                    "timescale": "The court sets the date. It is usually about 12 weeks.",
                    "how_to_ask": "Your solicitor or the court tells us. You can call us too.",
                },
                {
                    "kind": "cin_plan",
                    "arrangement_types": [],
                    "what_happens": "If your child needs extra help to be safe and well, a "
                    "social worker can make a child in need plan with you. It says who will "
                    "do what, like the school, the doctor and us. We meet every 3 months to "
                    "check the plan.",
                    "who_can_ask": "Any kinship family, with or without a court order.",
                    "timescale": "We finish the assessment within 45 working days.",
                    "how_to_ask": "Call the Family Front Door on 0161 496 0110.",
                },
                {
                    "kind": "asgsf",
                    "arrangement_types": ["sgo", "cao", "adoption"],
                    "what_happens": "The Adoption and Special Guardianship Support Fund (ASGSF) "
                    "is government money for therapy. Only a council can apply for it. A "
                    "social worker first finds out what your child needs. Then we apply for "
                    "you. The fund pays up to about £3,000 for each child each year.",
                    "who_can_ask": "Families whose child has an SGO, a CAO or is adopted, and "
                    "was in care before.",
                    "timescale": "Assessment within 8 weeks. The fund usually replies within "
                    "4 weeks.",
                    "how_to_ask": "Ask your named worker for an assessment for therapy.",
                },
                {
                    "kind": "short_breaks",
                    "arrangement_types": [],
                    "what_happens": "A social worker talks to you about your child's needs and "
                    "helps decide which short break is right. It might be a club or a night "
                    "with a trusted carer.",
                    "who_can_ask": "Kinship families who need a rest, and families of disabled "
                    "children.",
                    "timescale": "A decision within 6 weeks.",
                    "how_to_ask": "Ask your named worker.",
                },
                {
                    "kind": "safeguarding",
                    "arrangement_types": [],
                    "what_happens": "If you are worried that a child is being hurt or is not "
                    "safe, tell us straight away. A social worker will look into it that day. "
                    "This includes worries about a visit from a parent.",
                    "who_can_ask": "Anyone.",
                    "timescale": "The same day.",
                    "how_to_ask": "Call 0161 496 0110 (Monday to Friday, 9am to 5pm) or 0161 "
                    "496 0199 at other times. If a child is in danger now, call 999.",
                },
            ],
        },
        {
            "kind": "family_time",
            "heading": "Family time with parents, brothers and sisters",
            "summary": "Help to keep your child in touch with the people who matter to them.",
            "body": (
                "Family time means your child seeing or hearing from their parents, brothers, "
                "sisters and others. It can be hard to arrange, especially if people in the "
                "family do not get on.\n\n"
                "We can help you plan family time that is safe and good for your child."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Family time at The Orchard",
                    "arrangement_types": [],
                    "description": "A safe, friendly place to meet, with a worker there to help.",
                    "provider": "The Orchard Family Centre",
                    "cost": "Free",
                    "how_to_get": "Ask your named worker to book a room.",
                },
                {
                    "title": "Family mediation",
                    "arrangement_types": [],
                    "description": "A mediator helps family members talk and agree. They do "
                    "not take sides.",
                    "provider": "Ashdown Family Mediation",
                    "cost": "Free for 3 sessions",
                    "how_to_get": "Call 0161 496 0155.",
                },
            ],
        },
        {
            "kind": "housing",
            "heading": "Housing",
            "summary": "Help if your home is too small or you need to move.",
            "body": (
                "Taking in a child can mean you need more space. If you rent from the council "
                "or a housing association, you can get extra priority to move. Tell the housing "
                "team that you are a kinship carer."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Priority on the housing list",
                    "arrangement_types": [],
                    "description": "Kinship carers who need a bigger home move up the "
                    "housing list.",
                    "provider": "Ashdown Housing Options",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0160 and say you are a kinship carer.",
                },
                {
                    "title": "Help with a rent deposit",
                    "arrangement_types": ["kinship_foster", "sgo", "cao"],
                    "description": "A grant for a deposit if you must move to a bigger home "
                    "to care for the child.",
                    "provider": "Ashdown Housing Options",
                    "cost": "Free",
                    "how_to_get": "Ask your named worker to refer you.",
                },
            ],
        },
        {
            "kind": "work",
            "heading": "Work and time off",
            "summary": "Help to keep working while you care for the child.",
            "body": (
                "Many kinship carers work. When a child first arrives, you may need time "
                "off.\n\n"
                "- You can take unpaid time off to deal with an emergency for someone who "
                "depends on you.\n"
                "- Some employers give paid kinship leave. Ask yours.\n\n"
                "We can write a letter to your employer to explain. If you work for Ashdown "
                "Borough Council, you can get 10 days of paid kinship leave."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "A letter for your employer",
                    "arrangement_types": [],
                    "description": "A short letter that explains you are a kinship carer and "
                    "may need time off.",
                    "provider": "Ashdown Borough Council kinship team",
                    "cost": "Free",
                    "how_to_get": "Ask your named worker.",
                },
            ],
        },
        {
            "kind": "short_breaks",
            "heading": "Short breaks",
            "summary": "Time to rest while your child does something they enjoy.",
            "body": (
                "Everyone needs a break. A short break can stop you getting too tired and help "
                "your family stay together.\n\n"
                "If your child is disabled, you can also look at our Local Offer for special "
                "educational needs and disabilities (SEND)."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Saturday activity club",
                    "arrangement_types": [],
                    "description": "Sport, art and trips for children aged 6 to 16.",
                    "provider": "Ashdown Youth Service",
                    "cost": "Free",
                    "how_to_get": "Ask your named worker for a place.",
                },
                {
                    "title": "Overnight short breaks",
                    "arrangement_types": ["kinship_foster", "sgo", "cao"],
                    "description": "A trusted foster carer looks after your child for a night "
                    "or a weekend, up to 6 times a year.",
                    "provider": "Ashdown Fostering Team",
                    "cost": "Free",
                    "how_to_get": "A social worker will talk with you first.",
                },
            ],
        },
        {
            "kind": "age_18",
            "heading": "When your child turns 18",
            "summary": "Support does not just stop when your child becomes an adult.",
            "body": (
                "Turning 18 is a big step. We start planning with you and your child when they "
                "are 16.\n\n"
                "If you are a foster carer, your child may be able to stay with you after 18. "
                "This is called **Staying Put**. We keep paying you while they stay.\n\n"
                "If your child was in our care, they may be a care leaver. Care leavers can "
                "have a personal adviser until they are 25."
            ),
            "arrangement_types": [],
            "allowances": [
                {
                    "name": "Staying Put payment",
                    "arrangement_types": ["kinship_foster"],
                    "amount": Decimal("210.00"),
                    "amount_from_april_2026": Decimal("216.00"),
                    "frequency": "weekly",
                    "means_tested": False,
                    "applies_from": _ASHDOWN_FROM,
                    "age_band": "Age 18 to 21",
                    "how_to_apply": "Your child's personal adviser sets this up with you "
                    "before they turn 18.",
                    "notes": "The young person may pay a small amount towards their keep if "
                    "they work.",
                },
            ],
            "support_services": [
                {
                    "title": "A personal adviser",
                    "arrangement_types": ["kinship_foster"],
                    "description": "A worker who helps with money, college, work and finding "
                    "a home, up to age 25.",
                    "provider": "Ashdown Leaving Care Team",
                    "cost": "Free",
                    "how_to_get": "We arrange this when your child is 16.",
                },
            ],
        },
        {
            "kind": "complaints",
            "heading": "How to complain",
            "summary": "Tell us if something goes wrong. We will put it right if we can.",
            "body": (
                "We want to hear if you are unhappy with our help. Talk to your named worker "
                "first. Often they can sort it out quickly.\n\n"
                "If that does not work, you can make a formal complaint. We will reply within "
                "10 working days. If you are still unhappy, you can ask the Local Government "
                "and Social Care Ombudsman to look at it. It is free and does not take sides."
            ),
            "arrangement_types": [],
            "contacts": [
                {
                    "name": "Complaints team",
                    "arrangement_types": [],
                    "phone": "0161 496 0170",
                    "email": "complaints@ashdown.example",
                    "opening_hours": "Monday to Friday, 9am to 5pm",
                    "address": "Complaints Team\nAshdown Borough Council\nTown Hall\n"
                    "High Street\nAshdown",
                    "notes": "",
                },
            ],
        },
        {
            "kind": "contacts",
            "heading": "Contact us",
            "summary": "How to reach the kinship team, and who to call in an emergency.",
            "body": (
                "You can call, email or visit us. If you need an interpreter, tell us. We will "
                "arrange one for free."
            ),
            "arrangement_types": [],
            "contacts": [
                {
                    "name": "Kinship support team",
                    "arrangement_types": [],
                    "phone": "0161 496 0100",
                    "email": "kinship@ashdown.example",
                    "opening_hours": "Monday to Thursday, 9am to 5pm. Friday, 9am to 4:30pm",
                    "address": "Town Hall\nHigh Street\nAshdown",
                    "notes": "We reply to messages within 2 working days.",
                },
                {
                    "name": "Family Front Door (worries about a child)",
                    "arrangement_types": [],
                    "phone": "0161 496 0110",
                    "email": "frontdoor@ashdown.example",
                    "opening_hours": "Monday to Friday, 9am to 5pm",
                    "address": "",
                    "notes": "",
                },
                {
                    "name": "Emergency team for evenings and weekends",
                    "arrangement_types": [],
                    "phone": "0161 496 0199",
                    "email": "",
                    "opening_hours": "Evenings, weekends and bank holidays",
                    "address": "",
                    "notes": "Only for urgent worries about a child's safety. If a child is in "
                    "danger now, call 999.",
                },
            ],
        },
    ],
}


# --- Brackenford City Council (West Midlands) -----------------------------------------------

_BRACKENFORD_FROM = datetime.date(2025, 4, 1)

BRACKENFORD = {
    "published_by": "admin",
    "april_2026_applies_from": datetime.date(2026, 4, 1),
    "title": "Brackenford kinship local offer",
    "introduction": (
        "Thank you for looking after a child in your family or circle of friends. In "
        "Brackenford, more than 900 children live with a relative or friend.\n\n"
        "We believe children do best when they can grow up with people they know and trust. "
        "Our job is to make that easier for you. On this page you can find out about money, "
        "advice, groups and other help, and how to ask for it."
    ),
    "manager_name": "Daniel Reyes",
    "manager_job_title": "Assistant Director, Children's Social Care",
    "last_reviewed": datetime.date(2026, 1, 26),
    "next_review_due": datetime.date(2027, 1, 25),
    "sections": [
        {
            "kind": "general_approach",
            "heading": "Our promise to kinship families",
            "summary": "How we work with you, and what you can expect from us.",
            "body": (
                "We work with Brackenford Kin Together, a group of local kinship carers. They "
                "helped us write this page.\n\n"
                "You can expect us to:\n\n"
                "1. treat you with respect, whatever your family's story\n"
                "2. explain things in plain words, in your language if you need it\n"
                "3. tell you honestly what we can and cannot do\n"
                "4. call you back by the end of the next working day"
            ),
            "arrangement_types": [],
        },
        {
            "kind": "eligibility",
            "heading": "Is this help for me?",
            "summary": "Help for anyone bringing up a child who cannot live with their "
            "parents, in Brackenford.",
            "body": (
                "This page is for you if you are bringing up a child because their parents "
                "cannot. You might be a grandparent, aunt, uncle, cousin, older brother or "
                "sister, or a close friend.\n\n"
                "You do **not** need a court order to get help from us. Some things, like "
                "certain allowances, do depend on the type of care. We say who each thing is "
                "for.\n\n"
                "If the child lives with you but you are not a relative, and it is for 28 "
                "days or more, tell us. This is called private fostering, and the law says we "
                "must check the child is safe."
            ),
            "arrangement_types": [],
        },
        {
            "kind": "financial",
            "heading": "Allowances and grants",
            "summary": "Weekly money for the child, yearly payments and a crisis grant for any "
            "kinship family.",
            "body": (
                "We pay allowances to help with the cost of raising the child. The amount "
                "depends on the child's age and on the kind of care.\n\n"
                "For special guardianship orders (SGO) and child arrangements orders (CAO), "
                "the allowance is **means-tested**. This means we look at your income and "
                "savings to decide how much to pay. We do this again every year.\n\n"
                "Amounts change each April. Check the date next to each amount."
            ),
            "arrangement_types": [],
            "allowances": [
                *_fostering_allowances(
                    [
                        ("Age 0 to 4", "182.00", "188.00"),
                        ("Age 5 to 10", "205.00", "211.00"),
                        ("Age 11 to 15", "228.00", "235.00"),
                        ("Age 16 to 17", "266.00", "274.00"),
                    ],
                    applies_from=_BRACKENFORD_FROM,
                    how_to_apply="Paid to approved foster carers. Your supervising social "
                    "worker sets it up.",
                    notes="We pay more than the national minimum fostering allowance for "
                    "every age. Paid every 2 weeks into your bank account.",
                ),
                {
                    "name": "Special guardianship allowance",
                    "arrangement_types": ["sgo"],
                    "amount": Decimal("184.50"),
                    "amount_from_april_2026": Decimal("189.90"),
                    "frequency": "weekly",
                    "means_tested": True,
                    "applies_from": _BRACKENFORD_FROM,
                    "age_band": "Age 0 to 10",
                    "how_to_apply": "Your social worker will talk to you about this during the "
                    "SGO assessment.",
                    "notes": "The most we pay. It is 90% of our fostering allowance.",
                },
                {
                    "name": "Special guardianship allowance",
                    "arrangement_types": ["sgo"],
                    "amount": Decimal("205.20"),
                    "amount_from_april_2026": Decimal("211.50"),
                    "frequency": "weekly",
                    "means_tested": True,
                    "applies_from": _BRACKENFORD_FROM,
                    "age_band": "Age 11 to 17",
                    "how_to_apply": "Your social worker will talk to you about this during the "
                    "SGO assessment.",
                    "notes": "The most we pay. It is 90% of our fostering allowance.",
                },
                {
                    "name": "Child arrangements order allowance",
                    "arrangement_types": ["cao"],
                    "amount": Decimal("140.00"),
                    "amount_from_april_2026": Decimal("145.00"),
                    "frequency": "weekly",
                    "means_tested": True,
                    "applies_from": _BRACKENFORD_FROM,
                    "age_band": "Age 0 to 17",
                    "how_to_apply": "Email kinshipcare@brackenford.example and ask for a "
                    "financial assessment.",
                    "notes": "For children who were in our care, or who would have come into "
                    "our care without you.",
                },
                {
                    "name": "Birthday and festival payment",
                    "arrangement_types": ["kinship_foster", "sgo"],
                    "amount": Decimal("250.00"),
                    "frequency": "annual",
                    "means_tested": False,
                    "applies_from": _BRACKENFORD_FROM,
                    "how_to_apply": "Paid to you automatically.",
                    "notes": "Paid in two parts: for the child's birthday, and for a festival "
                    "your family keeps, like Christmas, Eid or Diwali.",
                },
                {
                    "name": "Kinship crisis grant",
                    "arrangement_types": [],
                    "amount": Decimal("300.00"),
                    "frequency": "one_off",
                    "means_tested": False,
                    "applies_from": _BRACKENFORD_FROM,
                    "how_to_apply": "Call 0161 496 0200 and ask for the crisis grant.",
                    "notes": "For any kinship family, with or without a court order. For "
                    "example, if you need to buy clothes in a hurry.",
                },
            ],
        },
        {
            "kind": "practical",
            "heading": "Everyday help",
            "summary": "Furniture, food and help with nursery costs.",
            "body": (
                "Money can be tight when a child joins your home. We can help with some of the "
                "things you need most."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Furniture and baby equipment",
                    "arrangement_types": [],
                    "description": "Beds, cots, high chairs and wardrobes from our "
                    "furniture scheme.",
                    "provider": "Brackenford Community Furniture Project",
                    "cost": "Free",
                    "how_to_get": "Your social worker or a kinship adviser can refer you.",
                },
                {
                    "title": "Help with nursery costs",
                    "arrangement_types": ["sgo", "cao", "informal"],
                    "description": "We can pay for up to 2 days a week of nursery for a "
                    "child under 3 while you settle in.",
                    "provider": "Brackenford Early Years Team",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0230.",
                },
            ],
        },
        {
            "kind": "legal",
            "heading": "Getting legal advice",
            "summary": "Free legal advice so you understand your choices.",
            "body": (
                "Court orders can be confusing. A **special guardianship order (SGO)** and a "
                "**child arrangements order (CAO)** give you different rights. Talk to a "
                "solicitor before you decide.\n\n"
                "If we think a court order is the best plan for the child, we will pay for your "
                "legal advice and your court costs."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Legal advice clinic",
                    "arrangement_types": [],
                    "description": "A 1-hour appointment with a family solicitor, by phone "
                    "or in person.",
                    "provider": "Brackenford Law Centre",
                    "cost": "Free",
                    "how_to_get": "Book by calling 0161 496 0240.",
                },
                {
                    "title": "Legal costs for an SGO or CAO",
                    "arrangement_types": ["sgo", "cao"],
                    "description": "We pay for your solicitor and the court fee when we "
                    "support your application.",
                    "provider": "Brackenford City Council",
                    "cost": "Free to you",
                    "how_to_get": "Your social worker will confirm this in a letter.",
                },
            ],
        },
        {
            "kind": "health",
            "heading": "Health, feelings and wellbeing",
            "summary": "Support for your child's emotional health and for you.",
            "body": (
                "Children who cannot live with their parents may have big feelings. They might "
                "have trouble sleeping, eating or trusting adults.\n\n"
                "We can help you understand why, and find the right support."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Kinship therapy service",
                    "arrangement_types": ["kinship_foster", "sgo", "cao"],
                    "description": "Therapists who understand kinship families. They work with "
                    "children, carers and the whole family.",
                    "provider": "Brackenford Family Therapy Service",
                    "cost": "Free",
                    "how_to_get": "Your social worker can refer you.",
                },
                {
                    "title": "Carers' wellbeing check",
                    "arrangement_types": [],
                    "description": "A friendly chat about how you are coping, with help to "
                    "find support for yourself.",
                    "provider": "Brackenford Carers Hub",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0250 or drop in on Wednesdays.",
                },
            ],
        },
        {
            "kind": "education",
            "heading": "School and learning",
            "summary": "Help to make sure your child gets the most out of school.",
            "body": (
                "Our **Virtual School** helps children in care and children who left care "
                "through an SGO, CAO or adoption. It is a team, not a school building.\n\n"
                "They can help if your child is struggling at school or at risk of being "
                "excluded (sent home from school)."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Virtual School advice line",
                    "arrangement_types": ["kinship_foster", "sgo", "cao", "adoption"],
                    "description": "Advice on school places, extra help in class and school "
                    "meetings.",
                    "provider": "Brackenford Virtual School",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0260 on weekdays.",
                },
                {
                    "title": "Free tutoring",
                    "arrangement_types": ["kinship_foster", "sgo"],
                    "description": "Up to 10 one-to-one tutoring sessions in English or maths.",
                    "provider": "Brackenford Virtual School",
                    "cost": "Free",
                    "how_to_get": "Ask the school or the Virtual School.",
                },
            ],
        },
        {
            "kind": "carer_training",
            "heading": "Courses for carers",
            "summary": "Short courses, in person and online, to build your confidence.",
            "body": (
                "Our courses are for any kinship carer. They are free and friendly. You will "
                "meet other carers too."
            ),
            "arrangement_types": [],
            "training_courses": [
                {
                    "title": "Caring for a child who has been through a lot",
                    "arrangement_types": [],
                    "description": "Why children may act the way they do after trauma, and "
                    "calm ways to respond.",
                    "format": "in_person",
                    "when": "Mondays 12:30pm to 2:30pm, 6 weeks, starting each term",
                    "provider": "Brackenford Family Therapy Service",
                    "how_to_book": "Call 0161 496 0270 to book.",
                    "booking_url": "",
                    "cost": "Free",
                },
                {
                    "title": "Talking to children about their story",
                    "arrangement_types": [],
                    "description": "How to answer questions like 'Why can't I live with "
                    "Mum?' in an honest, kind way.",
                    "format": "online",
                    "when": "Tuesday evenings 6:30pm to 8pm, 3 weeks",
                    "provider": "Brackenford Kin Together",
                    "how_to_book": "Book online.",
                    "booking_url": "https://brackenford.example/kinship/courses",
                    "cost": "Free",
                },
            ],
        },
        {
            "kind": "peer_support",
            "heading": "Support groups",
            "summary": "Meet other carers in the city, in person or online.",
            "body": "Our groups are a safe place to share, laugh and get ideas.",
            "arrangement_types": [],
            "peer_groups": [
                {
                    "name": "Kin Together Friday drop-in",
                    "arrangement_types": [],
                    "description": "A relaxed drop-in with a free lunch. Children under 5 are "
                    "welcome, with toys and a play worker.",
                    "meets": "Every Friday, 11am to 1pm",
                    "venue": "St Luke's Community Hall, Canal Road, Brackenford",
                    "online": False,
                    "run_by": "Brackenford Kin Together",
                    "contact": "Call 0161 496 0280",
                },
                {
                    "name": "Dads and male carers group",
                    "arrangement_types": [],
                    "description": "For grandads, uncles, brothers and other men bringing up "
                    "a child.",
                    "meets": "First Saturday of the month, 10am to 12pm",
                    "venue": "Hollybank Children's Centre, Hollybank Road, Brackenford",
                    "online": False,
                    "run_by": "Brackenford Kin Together",
                    "contact": "Email groups@brackenford.example",
                },
                {
                    "name": "Online carers' circle",
                    "arrangement_types": [],
                    "description": "A video call for carers who cannot get out. Cameras can "
                    "be off.",
                    "meets": "Every other Wednesday, 8pm to 9pm",
                    "venue": "",
                    "online": True,
                    "run_by": "Brackenford kinship advisers",
                    "contact": "Email groups@brackenford.example for the link",
                },
            ],
        },
        {
            "kind": "social_work",
            "heading": "Help from social workers",
            "summary": "The assessments, plans and reports social workers do for kinship families.",
            "body": (
                "Our Kinship Team has social workers and kinship advisers. A kinship adviser "
                "is not a social worker. They can help you with forms, money and groups.\n\n"
                "A social worker does the jobs listed below."
            ),
            "arrangement_types": [],
            "social_work_services": [
                {
                    "kind": "form_k",
                    "arrangement_types": ["kinship_foster"],
                    "what_happens": "A social worker finds out if you can be the child's "
                    "foster carer. This is a Form K assessment. They will ask about your "
                    "health, home, family and past. A panel then makes a recommendation.",
                    "who_can_ask": "A relative or friend of a child in our care.",
                    "timescale": "About 16 weeks. It can be longer if the court gives more time.",
                    "how_to_ask": "Tell the child's social worker that you want to be assessed.",
                },
                {
                    "kind": "support_plan",
                    "arrangement_types": ["kinship_foster", "sgo", "cao"],
                    "what_happens": "We write down the help your family will get. You, your "
                    "child and the social worker agree it together. We look at it again every "
                    "year, or straight away if you ask.",
                    "who_can_ask": "Foster carers, and carers with an SGO or CAO that we "
                    "supported.",
                    "timescale": "Reviewed at least once a year.",
                    "how_to_ask": "Call 0161 496 0200 and ask for a support plan review.",
                },
                {
                    "kind": "court_report",
                    "arrangement_types": ["sgo", "cao"],
                    "what_happens": "The family court needs a report before it can make an SGO. "
                    "A social worker writes it after meeting you and the child. It includes "
                    "the support plan. For a CAO, the court may also ask us for a report.",
                    "who_can_ask": "Carers applying for an SGO or CAO.",
                    "timescale": "Set by the court, usually 12 to 16 weeks.",
                    "how_to_ask": "Your solicitor will let us know. You can also call us.",
                },
                {
                    "kind": "cin_plan",
                    "arrangement_types": [],
                    "what_happens": "A child in need plan sets out help for a child who needs "
                    "extra support to be healthy and safe. A social worker writes it with you "
                    "and reviews it at meetings.",
                    "who_can_ask": "Any kinship family, including families with no court order.",
                    "timescale": "Reviewed at least every 3 months.",
                    "how_to_ask": "Call the Children's Advice and Support Hub on 0161 496 0210.",
                },
                {
                    "kind": "asgsf",
                    "arrangement_types": ["sgo", "cao", "adoption"],
                    "what_happens": "The Adoption and Special Guardianship Support Fund "
                    "(ASGSF) can pay for therapy. We must assess your child's needs first, "
                    "then we apply for you. It pays up to about £3,000 a child each year.",
                    "who_can_ask": "Special guardians, adopters and CAO carers, if the child "
                    "was in care before the order.",
                    "timescale": "We aim to apply within 6 weeks of your request.",
                    "how_to_ask": "Email kinshipcare@brackenford.example with 'ASGSF' in the "
                    "subject line.",
                },
                {
                    "kind": "short_breaks",
                    "arrangement_types": [],
                    "what_happens": "We talk with you about whether a short break would help, "
                    "and which kind. We then agree it with our short breaks panel.",
                    "who_can_ask": "Any kinship carer.",
                    "timescale": "Panel decision within 4 weeks.",
                    "how_to_ask": "Ask your kinship adviser or social worker.",
                },
                {
                    "kind": "safeguarding",
                    "arrangement_types": [],
                    "what_happens": "If a child may be at risk of harm, a social worker acts "
                    "quickly to keep them safe. They may visit, talk to the child and make a "
                    "safety plan with you.",
                    "who_can_ask": "Anyone who is worried about a child.",
                    "timescale": "Straight away.",
                    "how_to_ask": "Call 0161 496 0210 in office hours, or 0161 496 0299 at "
                    "night and at weekends. In an emergency, call 999.",
                },
            ],
        },
        {
            "kind": "family_time",
            "heading": "Keeping in touch with family",
            "summary": "Help with visits, calls and letters between your child and their family.",
            "body": (
                "Your child may want to see their mum, dad, brothers or sisters. This can be "
                "hard for everyone. We can help plan family time so that it is safe and goes "
                "well.\n\n"
                "If family time is causing problems, tell us. We can change the plan."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Family time centre",
                    "arrangement_types": [],
                    "description": "Rooms with toys and a garden, with staff who can support "
                    "visits.",
                    "provider": "Brackenford Family Time Centre, Victoria Street",
                    "cost": "Free",
                    "how_to_get": "Your social worker books the room.",
                },
                {
                    "title": "Help to keep brothers and sisters together",
                    "arrangement_types": [],
                    "description": "If brothers and sisters live apart, we can help them meet "
                    "up for days out.",
                    "provider": "Brackenford kinship advisers",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0200.",
                },
            ],
        },
        {
            "kind": "housing",
            "heading": "Your home",
            "summary": "Help if you need a bigger home or are at risk of losing your home.",
            "body": (
                "If you need more room, our housing team can look at your case. If you are "
                "worried about losing your home, contact us early. We can often help."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Kinship housing assessment",
                    "arrangement_types": [],
                    "description": "A housing officer looks at whether your home is big "
                    "enough and what your options are.",
                    "provider": "Brackenford Housing Solutions",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0290 and mention kinship care.",
                },
            ],
        },
        {
            "kind": "work",
            "heading": "Working and caring",
            "summary": "What you can ask your employer for, and how we can help.",
            "body": (
                "You may have a right to some time off, for example in an emergency. Your "
                "employer may also have a kinship or carers' leave policy.\n\n"
                "Brackenford City Council gives its own staff up to 2 weeks of paid kinship "
                "leave. We encourage other local employers to do the same."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Employment advice",
                    "arrangement_types": [],
                    "description": "Advice on your rights at work, flexible working and "
                    "benefits if you stop work.",
                    "provider": "Brackenford Carers Hub",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0250.",
                },
            ],
        },
        {
            "kind": "short_breaks",
            "heading": "Breaks for you and your child",
            "summary": "Activities for your child, and time for you to recharge.",
            "body": (
                "Caring can be hard work. A break helps you keep going. Your child gets to "
                "try new things and have fun."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "After-school and holiday activities",
                    "arrangement_types": [],
                    "description": "Sports, drama and music for children aged 5 to 17.",
                    "provider": "Brackenford Youth and Play Service",
                    "cost": "Free for kinship families",
                    "how_to_get": "Ask your kinship adviser for a voucher.",
                },
                {
                    "title": "Family days out",
                    "arrangement_types": [],
                    "description": "Trips in the school holidays for the whole family.",
                    "provider": "Brackenford Kin Together",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0280.",
                },
            ],
        },
        {
            "kind": "age_18",
            "heading": "Growing up and moving on",
            "summary": "Support for young people at 16, 18 and beyond.",
            "body": (
                "From age 16, we help your child plan for the future: college, work, money and "
                "where to live.\n\n"
                "Young people who were in our care can get help from our Leaving Care Team up "
                "to age 25. If you are a foster carer, ask about **Staying Put**. It lets your "
                "child keep living with you after 18."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Leaving Care Team",
                    "arrangement_types": ["kinship_foster"],
                    "description": "A personal adviser for young people who were in our care.",
                    "provider": "Brackenford Leaving Care Team",
                    "cost": "Free",
                    "how_to_get": "Your child's social worker arranges this.",
                },
                {
                    "title": "Next steps sessions",
                    "arrangement_types": ["sgo", "cao", "informal"],
                    "description": "Advice on college, jobs and money for 16 to 18 year olds.",
                    "provider": "Brackenford Youth and Play Service",
                    "cost": "Free",
                    "how_to_get": "Drop in on Thursdays, 4pm to 6pm, at Brackenford Central "
                    "Library.",
                },
            ],
        },
        {
            "kind": "complaints",
            "heading": "Making a complaint",
            "summary": "How to tell us you are not happy, and what happens next.",
            "body": (
                "We want to put things right. You can complain by phone, email, letter or "
                "online at https://brackenford.example/complaints.\n\n"
                "We will say we got your complaint within 3 working days. We will give you a "
                "full answer within 10 working days. If you are still not happy, you can take "
                "it to the Local Government and Social Care Ombudsman."
            ),
            "arrangement_types": [],
            "contacts": [
                {
                    "name": "Children's Services complaints",
                    "arrangement_types": [],
                    "phone": "0161 496 0220",
                    "email": "complaints@brackenford.example",
                    "opening_hours": "Monday to Friday, 9am to 4pm",
                    "address": "Complaints Unit\nBrackenford City Council\nCouncil House\n"
                    "Victoria Square\nBrackenford",
                    "notes": "",
                },
            ],
        },
        {
            "kind": "contacts",
            "heading": "How to contact us",
            "summary": "Our kinship team, our advice hub and our out-of-hours number.",
            "body": (
                "You can talk to us in English, Punjabi, Urdu or Polish. For other languages, "
                "we will book an interpreter."
            ),
            "arrangement_types": [],
            "contacts": [
                {
                    "name": "Kinship Team",
                    "arrangement_types": [],
                    "phone": "0161 496 0200",
                    "email": "kinshipcare@brackenford.example",
                    "opening_hours": "Monday to Friday, 8:30am to 5pm",
                    "address": "Council House\nVictoria Square\nBrackenford",
                    "notes": "Leave a message and we will call you back by the end of the "
                    "next working day.",
                },
                {
                    "name": "Children's Advice and Support Hub",
                    "arrangement_types": [],
                    "phone": "0161 496 0210",
                    "email": "advicehub@brackenford.example",
                    "opening_hours": "Monday to Friday, 8:30am to 5pm",
                    "address": "",
                    "notes": "For worries about a child's safety.",
                },
                {
                    "name": "Emergency duty team",
                    "arrangement_types": [],
                    "phone": "0161 496 0299",
                    "email": "",
                    "opening_hours": "5pm to 8:30am, weekends and bank holidays",
                    "address": "",
                    "notes": "For emergencies only.",
                },
            ],
        },
    ],
}


# --- Coldmere County Council (North West) ---------------------------------------------------

_COLDMERE_FROM = datetime.date(2025, 4, 7)

COLDMERE = {
    "published_by": "admin",
    "april_2026_applies_from": datetime.date(2026, 4, 6),
    "title": "Support for kinship families in Coldmere",
    "introduction": (
        "Coldmere is a big county with small towns and lots of countryside. We know it can be "
        "hard to get to help, so we bring our support to you: at home, in your nearest town, or "
        "online.\n\n"
        "Whether you are a grandparent, a sister or a family friend, this page explains the "
        "help you can get from us and our partners."
    ),
    "manager_name": "Ruth Ellison",
    "manager_job_title": "Service Manager for Kinship and Fostering",
    "last_reviewed": datetime.date(2026, 3, 2),
    "next_review_due": datetime.date(2027, 3, 1),
    "sections": [
        {
            "kind": "general_approach",
            "heading": "Our approach",
            "summary": "We help you early, close to home, and we look at what your family needs.",
            "body": (
                "Every kinship family in Coldmere can have a **kinship link worker**. This is a "
                "named person who keeps in touch and helps you find support.\n\n"
                "We offer help as early as we can, before things get hard. We base it on your "
                "child's needs, not on your legal status."
            ),
            "arrangement_types": [],
        },
        {
            "kind": "eligibility",
            "heading": "Who this is for",
            "summary": "Families in Coldmere who are raising a child they are related to or "
            "know well.",
            "body": (
                "You can get help from us if you live in Coldmere and look after a child whose "
                "parents cannot care for them.\n\n"
                "It does not matter if the arrangement was made by a court, by social workers "
                "or within your family. Each part of this page says who can get it.\n\n"
                "If the child lives outside Coldmere, or came from another council, call us. "
                "We will help you work out which council should support you."
            ),
            "arrangement_types": [],
        },
        {
            "kind": "financial",
            "heading": "Financial help",
            "summary": "Weekly allowances, a grant for new families and help with travel costs.",
            "body": (
                "We pay weekly allowances for some children. How much you get depends on the "
                "child's age, on the type of care and sometimes on your income.\n\n"
                "A **means test** is a check of your income and savings. We use it for special "
                "guardianship order (SGO) and child arrangements order (CAO) allowances.\n\n"
                "New amounts start each April. The date next to each amount tells you when it "
                "started."
            ),
            "arrangement_types": [],
            "allowances": [
                *_fostering_allowances(
                    [
                        ("Age 0 to 4", "174.00", "179.00"),
                        ("Age 5 to 10", "192.00", "198.00"),
                        ("Age 11 to 15", "217.00", "224.00"),
                        ("Age 16 to 17", "253.00", "261.00"),
                    ],
                    applies_from=_COLDMERE_FROM,
                    how_to_apply="You get this once you are approved as the child's foster carer.",
                    notes="This is the national minimum fostering allowance. We pay it every week.",
                ),
                {
                    "name": "Special guardianship allowance",
                    "arrangement_types": ["sgo"],
                    "amount": Decimal("153.60"),
                    "amount_from_april_2026": Decimal("158.40"),
                    "frequency": "weekly",
                    "means_tested": True,
                    "applies_from": _COLDMERE_FROM,
                    "age_band": "Age 0 to 10",
                    "how_to_apply": "Your link worker will help you fill in the means test form.",
                    "notes": "The most we pay a week: 80% of our fostering allowance.",
                },
                {
                    "name": "Special guardianship allowance",
                    "arrangement_types": ["sgo"],
                    "amount": Decimal("173.60"),
                    "amount_from_april_2026": Decimal("179.20"),
                    "frequency": "weekly",
                    "means_tested": True,
                    "applies_from": _COLDMERE_FROM,
                    "age_band": "Age 11 to 17",
                    "how_to_apply": "Your link worker will help you fill in the means test form.",
                    "notes": "The most we pay a week: 80% of our fostering allowance.",
                },
                {
                    "name": "Child arrangements order allowance",
                    "arrangement_types": ["cao"],
                    "amount": Decimal("120.00"),
                    "amount_from_april_2026": Decimal("124.00"),
                    "frequency": "weekly",
                    "means_tested": True,
                    "applies_from": _COLDMERE_FROM,
                    "age_band": "Any age",
                    "how_to_apply": "Call 0161 496 0300 and ask for a CAO allowance assessment.",
                    "notes": "For children who were in our care before the order.",
                },
                {
                    "name": "New family grant",
                    "arrangement_types": ["kinship_foster", "sgo", "cao", "informal"],
                    "amount": Decimal("350.00"),
                    "frequency": "one_off",
                    "means_tested": False,
                    "applies_from": _COLDMERE_FROM,
                    "how_to_apply": "Ask your link worker within 6 months of the child moving in.",
                    "notes": "To help with the first costs, like school uniform or a bigger bed.",
                },
            ],
            "support_services": [
                {
                    "title": "Travel costs",
                    "arrangement_types": [],
                    "description": "We pay 45p a mile, or your bus fare, to get to family "
                    "time, meetings and our groups.",
                    "provider": "Coldmere County Council",
                    "cost": "Free",
                    "how_to_get": "Fill in a travel claim form. Your link worker has copies.",
                },
            ],
        },
        {
            "kind": "practical",
            "heading": "Help around the home",
            "summary": "Equipment, a home visit and help with forms.",
            "body": (
                "Our link workers can visit you at home. They can help with forms, phone calls "
                "and finding local services."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Equipment loan",
                    "arrangement_types": [],
                    "description": "Borrow cots, stair gates, car seats and buggies for as "
                    "long as you need them.",
                    "provider": "Coldmere Family Hubs",
                    "cost": "Free",
                    "how_to_get": "Visit your nearest Family Hub or ask your link worker.",
                },
                {
                    "title": "Help with forms",
                    "arrangement_types": [],
                    "description": "A link worker sits with you to fill in forms for benefits, "
                    "school places or allowances.",
                    "provider": "Coldmere kinship link workers",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0300.",
                },
            ],
        },
        {
            "kind": "legal",
            "heading": "Legal help",
            "summary": "Advice on court orders, and who pays for it.",
            "body": (
                "You may be thinking about a court order to make things more secure for the "
                "child. We can explain the choices. A solicitor can tell you what is best for "
                "you.\n\n"
                "We pay for up to 4 hours of legal advice for any kinship carer. If we ask you "
                "to apply for an order, we pay all your legal costs."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Legal advice voucher",
                    "arrangement_types": [],
                    "description": "A voucher for up to 4 hours with a family solicitor.",
                    "provider": "Family solicitors across Coldmere",
                    "cost": "Free",
                    "how_to_get": "Ask your link worker for a voucher.",
                },
                {
                    "title": "Court costs",
                    "arrangement_types": ["sgo", "cao"],
                    "description": "We pay the court fee and solicitor costs when we have "
                    "asked you to apply.",
                    "provider": "Coldmere County Council",
                    "cost": "Free to you",
                    "how_to_get": "Agreed in writing by your social worker before you apply.",
                },
            ],
        },
        {
            "kind": "health",
            "heading": "Wellbeing and mental health",
            "summary": "Support for your child's mental health and your own.",
            "body": (
                "If your child is finding life hard, you are not alone. We work with local "
                "health teams to get children the right help.\n\n"
                "Children and Young People's Mental Health Services (CYPMHS) help children with "
                "more serious worries. Your GP (family doctor) or school can refer your child."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Therapeutic parenting support",
                    "arrangement_types": ["kinship_foster", "sgo", "cao", "adoption"],
                    "description": "A therapist visits you at home to help you understand your "
                    "child's behaviour and try new ideas.",
                    "provider": "Coldmere Therapeutic Team",
                    "cost": "Free",
                    "how_to_get": "Your link worker or social worker can refer you.",
                },
                {
                    "title": "Carers' support line",
                    "arrangement_types": [],
                    "description": "Someone to talk to when things feel too much. Staffed by "
                    "trained volunteers who are kinship carers too.",
                    "provider": "Coldmere Carers' Network",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0350, Monday to Saturday, 9am to 9pm.",
                },
            ],
        },
        {
            "kind": "education",
            "heading": "Education",
            "summary": "Help with nursery, school and college.",
            "body": (
                "Our **Virtual School** is a team that supports the education of children in "
                "care and children who have left care. It gives advice to carers and schools.\n\n"
                "If your child is aged 2 and you get certain benefits, they may get free "
                "nursery hours. Ask your Family Hub."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Virtual School support",
                    "arrangement_types": ["kinship_foster", "sgo", "cao", "adoption"],
                    "description": "Advice on school places, school meetings and extra help "
                    "in class.",
                    "provider": "Coldmere Virtual School",
                    "cost": "Free",
                    "how_to_get": "Email virtualschool@coldmere.example.",
                },
                {
                    "title": "Laptops for learning",
                    "arrangement_types": [],
                    "description": "A free laptop for children in kinship care aged 11 or "
                    "over who do not have one.",
                    "provider": "Coldmere Virtual School",
                    "cost": "Free",
                    "how_to_get": "Ask your link worker.",
                },
            ],
        },
        {
            "kind": "carer_training",
            "heading": "Learning for carers",
            "summary": "Courses online and in towns across the county.",
            "body": (
                "We run courses in Coldmere, Marbeck and Fellbridge, and online. If you have to "
                "travel, we pay your costs."
            ),
            "arrangement_types": [],
            "training_courses": [
                {
                    "title": "Kinship care: the first steps",
                    "arrangement_types": [],
                    "description": "What to expect in the first months, and where to get help.",
                    "format": "online",
                    "when": "First Monday of each month, 10am to 11:30am",
                    "provider": "Coldmere kinship link workers",
                    "how_to_book": "Book online.",
                    "booking_url": "https://coldmere.example/kinship/first-steps",
                    "cost": "Free",
                },
                {
                    "title": "Calm and connected",
                    "arrangement_types": [],
                    "description": "Ways to help children feel safe and manage big feelings.",
                    "format": "in_person",
                    "when": "Wednesdays 9:30am to 12pm, 5 weeks, in spring and autumn",
                    "provider": "Coldmere Therapeutic Team",
                    "how_to_book": "Call 0161 496 0360.",
                    "booking_url": "",
                    "cost": "Free",
                },
                {
                    "title": "First aid for children",
                    "arrangement_types": [],
                    "description": "Learn what to do if a child chokes, is burned or has a "
                    "bad fall.",
                    "format": "in_person",
                    "when": "Saturdays 10am to 1pm, once a term",
                    "provider": "Coldmere Family Hubs",
                    "how_to_book": "Book online.",
                    "booking_url": "https://coldmere.example/kinship/first-aid",
                    "cost": "Free",
                },
            ],
        },
        {
            "kind": "peer_support",
            "heading": "Groups near you",
            "summary": "Carers' groups in three towns, plus an online group.",
            "body": "All our groups are free. Children are welcome at the daytime groups.",
            "arrangement_types": [],
            "peer_groups": [
                {
                    "name": "Marbeck kinship carers' group",
                    "arrangement_types": [],
                    "description": "A friendly group with a different topic each month.",
                    "meets": "Third Wednesday of the month, 1pm to 3pm",
                    "venue": "Marbeck Family Hub, Station Road, Marbeck",
                    "online": False,
                    "run_by": "Coldmere Carers' Network",
                    "contact": "Call Pat on 0161 496 0351",
                },
                {
                    "name": "Fellbridge walk and talk",
                    "arrangement_types": [],
                    "description": "A gentle walk by the lake, then a hot drink. Buggies are fine.",
                    "meets": "First Sunday of the month, 11am to 1pm",
                    "venue": "Meet at the Lakeside Café car park, Fellbridge",
                    "online": False,
                    "run_by": "Coldmere Carers' Network",
                    "contact": "Call 0161 496 0352",
                },
                {
                    "name": "Kinship carers online",
                    "arrangement_types": [],
                    "description": "For carers anywhere in the county who cannot travel.",
                    "meets": "Every Tuesday, 7pm to 8pm",
                    "venue": "",
                    "online": True,
                    "run_by": "Coldmere kinship link workers",
                    "contact": "Email kinship.team@coldmere.example",
                },
            ],
        },
        {
            "kind": "social_work",
            "heading": "Social work support",
            "summary": "What our social workers do for kinship families, and how to ask.",
            "body": (
                "Your link worker can tell you which of these you might need. They can ask a "
                "social worker to get involved."
            ),
            "arrangement_types": [],
            "social_work_services": [
                {
                    "kind": "form_k",
                    "arrangement_types": ["kinship_foster"],
                    "what_happens": "When a child in our care could live with you, a social "
                    "worker checks that you can look after them well. This is called a Form K "
                    "(or connected person) assessment. We may approve you for a short time "
                    "first, so the child can move in quickly.",
                    "who_can_ask": "Family and friends of a child in our care.",
                    "timescale": "Up to 16 weeks, sometimes 24 weeks if needed.",
                    "how_to_ask": "Talk to the child's social worker.",
                },
                {
                    "kind": "support_plan",
                    "arrangement_types": ["kinship_foster", "sgo", "cao"],
                    "what_happens": "We agree a plan with you that lists the support you will "
                    "get and who will give it. We meet to check how things are going.",
                    "who_can_ask": "Kinship foster carers and families with an SGO or CAO.",
                    "timescale": "Reviewed every 12 months, or sooner if you ask.",
                    "how_to_ask": "Ask your link worker to book a review.",
                },
                {
                    "kind": "court_report",
                    "arrangement_types": ["sgo", "cao"],
                    "what_happens": "When you apply for a special guardianship order (SGO), we "
                    "must send the court a report. A social worker visits you several times to "
                    "write it. If you apply for a child arrangements order (CAO), the court "
                    "can ask for our view.",
                    "who_can_ask": "Anyone applying for an SGO or CAO in Coldmere.",
                    "timescale": "Usually 12 weeks from when the court asks.",
                    "how_to_ask": "Your solicitor contacts us. You can call us too.",
                },
                {
                    "kind": "cin_plan",
                    "arrangement_types": [],
                    "what_happens": "If your child needs more support than most children, we "
                    "can make a child in need plan. The plan brings together school, health "
                    "and other services.",
                    "who_can_ask": "All kinship families in Coldmere.",
                    "timescale": "Reviewed every 3 months.",
                    "how_to_ask": "Call Coldmere Children's Gateway on 0161 496 0310.",
                },
                {
                    "kind": "asgsf",
                    "arrangement_types": ["sgo", "cao", "adoption"],
                    "what_happens": "We assess your child's needs, then apply to the Adoption "
                    "and Special Guardianship Support Fund (ASGSF) for therapy. The fund gives "
                    "up to about £3,000 for each child each year.",
                    "who_can_ask": "Families with an SGO, CAO or adoption order, where the child "
                    "was in care before.",
                    "timescale": "Assessment within 6 weeks.",
                    "how_to_ask": "Ask your link worker.",
                },
                {
                    "kind": "short_breaks",
                    "arrangement_types": [],
                    "what_happens": "A social worker looks at what your family needs and "
                    "decides with you if a short break would help.",
                    "who_can_ask": "Any kinship family.",
                    "timescale": "A decision within 4 weeks.",
                    "how_to_ask": "Ask your link worker.",
                },
                {
                    "kind": "safeguarding",
                    "arrangement_types": [],
                    "what_happens": "If you think a child is in danger or being harmed, we will "
                    "act at once. A social worker will check the child is safe.",
                    "who_can_ask": "Anyone.",
                    "timescale": "The same day.",
                    "how_to_ask": "Call 0161 496 0310 (office hours) or 0161 496 0399 (at "
                    "other times). If a child is in danger right now, call 999.",
                },
            ],
        },
        {
            "kind": "family_time",
            "heading": "Seeing family",
            "summary": "Support to keep your child connected to their family.",
            "body": (
                "Keeping in touch with family helps children understand who they are. We can "
                "help you plan visits, calls and letters that feel right for your child."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Supported visits",
                    "arrangement_types": [],
                    "description": "Visits at a Family Hub with a worker there, close to where "
                    "you live.",
                    "provider": "Coldmere Family Hubs",
                    "cost": "Free",
                    "how_to_get": "Ask your link worker.",
                },
                {
                    "title": "Life story work",
                    "arrangement_types": ["kinship_foster", "sgo", "cao"],
                    "description": "A worker helps your child make a book about their life and "
                    "family, with photos and words.",
                    "provider": "Coldmere Therapeutic Team",
                    "cost": "Free",
                    "how_to_get": "Ask your social worker or link worker.",
                },
            ],
        },
        {
            "kind": "housing",
            "heading": "Where you live",
            "summary": "Help with space, moving home or keeping your home.",
            "body": (
                "Housing in Coldmere is run by our district councils, not by us. We will "
                "contact them for you and explain your situation."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Housing support letter",
                    "arrangement_types": [],
                    "description": "A letter to your district council or landlord that "
                    "explains why you need more space.",
                    "provider": "Coldmere kinship link workers",
                    "cost": "Free",
                    "how_to_get": "Ask your link worker.",
                },
            ],
        },
        {
            "kind": "work",
            "heading": "Work",
            "summary": "Balancing work and caring.",
            "body": (
                "You can ask your employer for flexible working, like different hours or working "
                "from home. You can also take unpaid time off in an emergency.\n\n"
                "Coldmere County Council staff who become kinship carers get 5 days of paid "
                "leave and can ask for flexible hours from their first day."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Back to work help",
                    "arrangement_types": [],
                    "description": "Help to find work that fits around caring, and training to "
                    "build your skills.",
                    "provider": "Coldmere Adult Learning",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0370.",
                },
            ],
        },
        {
            "kind": "short_breaks",
            "heading": "Short breaks",
            "summary": "Breaks close to home for your child, and time for you.",
            "body": (
                "A short break can be a few hours or an overnight stay. It gives your child "
                "fun things to do and gives you time to rest."
            ),
            "arrangement_types": [],
            "support_services": [
                {
                    "title": "Holiday activity days",
                    "arrangement_types": [],
                    "description": "Outdoor activities like climbing and canoeing for children "
                    "aged 8 to 16.",
                    "provider": "Coldmere Outdoor Centre",
                    "cost": "Free for kinship families",
                    "how_to_get": "Ask your link worker to book.",
                },
                {
                    "title": "Sitting service",
                    "arrangement_types": [],
                    "description": "A trained sitter looks after your child at home for up to "
                    "4 hours a month.",
                    "provider": "Coldmere Carers' Network",
                    "cost": "Free",
                    "how_to_get": "Call 0161 496 0350.",
                },
            ],
        },
        {
            "kind": "age_18",
            "heading": "Turning 18",
            "summary": "Planning for adult life, and support after 18.",
            "body": (
                "We start talking with your child about adult life from age 15. This includes "
                "college, work, money and health.\n\n"
                "If you foster your child, they can choose to keep living with you after 18. "
                "This is called **Staying Put**."
            ),
            "arrangement_types": [],
            "allowances": [
                {
                    "name": "Staying Put allowance",
                    "arrangement_types": ["kinship_foster"],
                    "amount": Decimal("190.00"),
                    "amount_from_april_2026": Decimal("196.00"),
                    "frequency": "weekly",
                    "means_tested": False,
                    "applies_from": _COLDMERE_FROM,
                    "age_band": "Age 18 to 21",
                    "how_to_apply": "Agree it with the young person's personal adviser before "
                    "their 18th birthday.",
                    "notes": "",
                },
            ],
            "support_services": [
                {
                    "title": "Help for young adults",
                    "arrangement_types": [],
                    "description": "Advice for young people aged 16 to 25 who grew up in "
                    "kinship care, about money, college and a place to live.",
                    "provider": "Coldmere Young People's Service",
                    "cost": "Free",
                    "how_to_get": "Text or call 0161 496 0380.",
                },
            ],
        },
        {
            "kind": "complaints",
            "heading": "If you are unhappy",
            "summary": "How to complain and what we will do.",
            "body": (
                "Tell your link worker first if you can. If you want to make a formal "
                "complaint, contact our complaints team.\n\n"
                "We will answer within 10 working days. If you are still unhappy, an "
                "independent person can look at your complaint. After that, you can go to the "
                "Local Government and Social Care Ombudsman."
            ),
            "arrangement_types": [],
            "contacts": [
                {
                    "name": "Customer feedback team",
                    "arrangement_types": [],
                    "phone": "0161 496 0320",
                    "email": "feedback@coldmere.example",
                    "opening_hours": "Monday to Friday, 9am to 5pm",
                    "address": "Customer Feedback\nColdmere County Council\nCounty Hall\n"
                    "Lake Road\nColdmere",
                    "notes": "You can also complain online at https://coldmere.example/complaints.",
                },
            ],
        },
        {
            "kind": "contacts",
            "heading": "Contact the kinship team",
            "summary": "Phone, email or visit. We also have an out-of-hours number.",
            "body": (
                "We have offices in Coldmere, Marbeck and Fellbridge. Call us to book a "
                "meeting at the one nearest to you, or we can visit you at home."
            ),
            "arrangement_types": [],
            "contacts": [
                {
                    "name": "Kinship team",
                    "arrangement_types": [],
                    "phone": "0161 496 0300",
                    "email": "kinship.team@coldmere.example",
                    "opening_hours": "Monday to Friday, 9am to 5pm",
                    "address": "County Hall\nLake Road\nColdmere",
                    "notes": "",
                },
                {
                    "name": "Coldmere Children's Gateway",
                    "arrangement_types": [],
                    "phone": "0161 496 0310",
                    "email": "gateway@coldmere.example",
                    "opening_hours": "Monday to Friday, 9am to 5pm",
                    "address": "",
                    "notes": "For new requests for help, and worries about a child.",
                },
                {
                    "name": "Out-of-hours team",
                    "arrangement_types": [],
                    "phone": "0161 496 0399",
                    "email": "",
                    "opening_hours": "Evenings, weekends and bank holidays",
                    "address": "",
                    "notes": "For urgent help only.",
                },
            ],
        },
    ],
}

OFFERS = {"ashdown": ASHDOWN, "brackenford": BRACKENFORD, "coldmere": COLDMERE}


# A clearly fictional national advice line, so the demo shows where independent help appears.
# A site administrator replaces it with the real details (admin: National helplines).
HELPLINES = [
    {
        "name": "Demo national kinship advice line",
        "description": "A charity, not the council. It gives free advice to every kinship "
        "carer, whatever the child's legal status. (Demo details: replace before going live.)",
        "phone": "0161 496 0990",
        "website": "https://kinship-advice.example",
        "opening_hours": "Monday to Friday, 10am to 3pm",
    },
]
