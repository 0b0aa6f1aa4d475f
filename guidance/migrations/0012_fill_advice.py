"""Fill the advice added to the article (reviewed 2026-11-27) into databases loaded before it.

`load_guide` never overwrites a loaded row, so a database that already has the guide gets the added
text here instead: each field only where it is still empty, so nothing staff wrote is replaced.
A new database gets the same text from the fixtures. The "Content editors" group may edit the
advice checklists. The text is copied here as it was, so this migration does the same thing later.
"""

import datetime

from django.db import migrations

from backcare.permissions import grant_content_editors, revoke_content_editors

CHECKLIST = {'title': 'Desk set-up checklist',
 'slug': 'desk-set-up',
 'intro': 'Go through this list when you set up a desk, at work or at home. Start with the chair.',
 'items': 'Set your chair so your feet rest flat on the floor, or on a footrest.\n'
          'Keep your knees about level with your hips.\n'
          'Sit back so your lower back is supported. A small cushion or rolled-up towel can help.\n'
          'Put the top of the screen at about eye level, straight in front of you.\n'
          'Place the screen about an arm’s length away.\n'
          'Keep your elbows bent at about a right angle, forearms level and shoulders relaxed.\n'
          'Keep the keyboard and mouse close, so you don’t have to stretch.\n'
          'With a laptop, use a separate keyboard and mouse, and raise the screen.\n'
          'Use a headset or the speaker for long calls, not your shoulder.\n'
          'Take a short break at least once an hour: stand up, move and look away from the screen.',
 'source': 'NHS: Common posture mistakes and fixes; HSE: Working safely with display screen '
           'equipment; HSE: Display screen equipment (DSE) workstation checklist; NHS: Neck pain',
 'reviewed_on': '2026-11-27'}

ADVICE = {'cause': {'muscle-strain': {'summary': 'Most strains get better within a few weeks. Keep gently '
                                        'active, use heat or cold, and see a doctor if it is not '
                                        'getting better.',
                             'more': 'A strained muscle usually gets better on its own within a '
                                     'few weeks. Keep moving and carry on with your daily tasks as '
                                     'much as you can. Resting for a long time is likely to make '
                                     'the pain worse.\n'
                                     '\n'
                                     'A heat or cold pack and pain relief from a pharmacy can ease '
                                     'the pain while it heals. Gentle stretches, like the ones in '
                                     'this guide, can help too. Start slowly and build up.\n'
                                     '\n'
                                     'See a doctor if the pain is not better after a few weeks, is '
                                     'very bad, is getting worse, or stops you doing daily tasks. '
                                     'Use the “When to see a doctor” checklist to see if you need '
                                     'help sooner.',
                             'do': 'Keep moving and carry on with daily tasks as much as you can\n'
                                   'Use a wrapped heat or cold pack for short spells\n'
                                   'Start exercises gently and build up slowly',
                             'dont': 'Don’t stay in bed for long periods\n'
                                     'Don’t do things that make the pain much worse',
                             'source': 'NHS: Back pain; NHS: Neck pain',
                             'source_urls': 'https://www.nhs.uk/conditions/back-pain/\n'
                                            'https://www.nhs.uk/conditions/neck-pain/',
                             'reviewed_on': '2026-11-27'},
           'poor-posture': {'summary': 'No one position is perfect. Change position often, keep '
                                       'screens and phones near eye level, and get up and move '
                                       'every hour.',
                            'more': 'There is no single perfect way to sit or stand. What helps '
                                    'most is changing position often. If you sit for a long time, '
                                    'get up and move about at least once an hour.\n'
                                    '\n'
                                    'Hold your phone up near eye level, so you don’t bend your '
                                    'neck down for long. Don’t hold the phone between your ear and '
                                    'shoulder. Use a headset or the speaker for long calls.\n'
                                    '\n'
                                    'Set up your desk so you can sit in comfort: see the desk '
                                    'set-up checklist. Stretches for your chest and exercises for '
                                    'your shoulder blades, like the pec stretch and scapular '
                                    'squeeze, can also help.',
                            'do': 'Change position often\n'
                                  'Get up and move at least once an hour\n'
                                  'Keep your screen and phone near eye level',
                            'dont': 'Don’t sit in one position for hours\n'
                                    'Don’t hold a phone between your ear and shoulder',
                            'source': 'NHS: Common posture mistakes and fixes; NHS: Neck pain; '
                                      'HSE: Working safely with display screen equipment; Slater '
                                      'et al., JOSPT 2019: “Sit up straight”: time to re-evaluate',
                            'source_urls': 'https://www.nhs.uk/conditions/neck-pain/',
                            'reviewed_on': '2026-11-27',
                            'checklist': 'desk-set-up'},
           'injury': {'summary': 'After a bad accident, get emergency help now. After a small '
                                 'knock or fall, have a doctor check you.',
                      'more': 'If the pain started after a serious accident, like a car crash or a '
                              'bad fall, get emergency help straight away. Call 911 or go to the '
                              'emergency room. Do this even if you can still move.\n'
                              '\n'
                              'If you have thin bones (osteoporosis) or take steroid tablets long '
                              'term, even a small fall or strain can break a bone in the spine. '
                              'Get an urgent appointment with a doctor.\n'
                              '\n'
                              'After any other knock, strain or fall, get checked by a doctor or '
                              'physical therapist. They can find out what was hurt. They can also '
                              'tell you which exercises are safe to start with.',
                      'do': 'Get emergency help after a serious accident, even if you can move\n'
                            'See a doctor urgently after a small fall if you have thin bones or '
                            'take steroid tablets\n'
                            'Use the “When to see a doctor” checklist if you are not sure',
                      'dont': 'Don’t wait to see if it settles after a serious accident\n'
                              'Don’t start the exercises in this guide until you have been checked',
                      'source': 'NHS: Back pain; NICE CKS: Back pain – low (without '
                                'radiculopathy); NICE CKS: Neck pain – non-specific',
                      'source_urls': 'https://www.nhs.uk/conditions/back-pain/',
                      'reviewed_on': '2026-11-27'},
           'medical-conditions': {'summary': 'Many back problems, like a slipped disc or '
                                             'arthritis, get easier if you stay active. Ask your '
                                             'doctor which exercises suit you.',
                                  'more': 'Many back and neck conditions, like a slipped '
                                          '(herniated) disc or arthritis, are helped by staying '
                                          'active. A slipped disc often gets better slowly on its '
                                          'own. Gentle exercise and pain relief can help while it '
                                          'heals.\n'
                                          '\n'
                                          'If a doctor has told you that you have a back '
                                          'condition, ask them or a physical therapist which '
                                          'exercises are right for you. Some moves in this guide '
                                          'may not suit you. This matters most if you have a curve '
                                          'in your spine, thin bones, or have had surgery on your '
                                          'back.\n'
                                          '\n'
                                          'See a doctor if your symptoms change, if your back '
                                          'changes shape, or if numbness or weakness spreads into '
                                          'your arms or legs. Use the “When to see a doctor” '
                                          'checklist.',
                                  'do': 'Stay as active as you can\n'
                                        'Ask your doctor or physical therapist which exercises are '
                                        'safe for you\n'
                                        'Tell your doctor if your symptoms change',
                                  'dont': 'Don’t assume new or different pain is your usual '
                                          'condition: check the warning signs',
                                  'source': 'NHS: Slipped disc; NHS: Osteoarthritis; NHS: Back '
                                            'pain',
                                  'source_urls': 'https://www.nhs.uk/conditions/back-pain/',
                                  'reviewed_on': '2026-11-27'},
           'stress': {'summary': 'Stress can make your muscles tight and sore. Slow breathing, '
                                 'being active and talking to someone can help ease it.',
                      'more': 'Stress can cause tight, aching muscles. Living with pain can also '
                              'be stressful. Easing one can help the other.\n'
                              '\n'
                              'Try slow breathing, a short walk, or time doing something you '
                              'enjoy. See the stress management tips in this guide for more '
                              'ideas.\n'
                              '\n'
                              'If stress or worry is affecting your daily life, talk to your '
                              'doctor. Talking therapies can help. If you have chest pain or feel '
                              'short of breath with your back pain, don’t put it down to stress. '
                              'Get help straight away.',
                      'do': 'Try slow, deep breathing when you feel tense\n'
                            'Stay active: even a short walk can help\n'
                            'Talk to your doctor if stress is affecting your daily life',
                      'dont': 'Don’t put chest pain or breathlessness down to stress\n'
                              'Don’t use alcohol or smoking to cope with stress',
                      'source': 'NHS: Stress; NHS: Breathing exercises for stress; NHS: Back pain',
                      'source_urls': 'https://www.nhs.uk/conditions/back-pain/',
                      'reviewed_on': '2026-11-27'}},
 'homeremedy': {'heat-and-cold-therapy': {'summary': 'Wrap a heat or cold pack in a towel. Use '
                                                     'heat for up to 20 minutes, 2 or 3 times a '
                                                     'day, and cold for shorter spells. Check your '
                                                     'skin.',
                                          'more': 'Heat can ease stiff, tight muscles. Cold can '
                                                  'help in the first few days after a strain. Use '
                                                  'whichever feels better for you.\n'
                                                  '\n'
                                                  'Always wrap the pack in a towel. For heat, use '
                                                  'a heat pack, or a hot water bottle filled with '
                                                  'hot, not boiling, water. Use it for up to 20 '
                                                  'minutes at a time, 2 or 3 times a day. For '
                                                  'cold, wrap a bag of frozen peas in a towel. '
                                                  'Start with about 5 minutes, up to 3 times a '
                                                  'day. Never use cold for more than 20 minutes at '
                                                  'a time.\n'
                                                  '\n'
                                                  'Check your skin every few minutes. Stop if it '
                                                  'gets very red, blotchy or sore. Don’t use heat '
                                                  'or cold on broken skin, or on a part of your '
                                                  'body where you can’t feel well, for example '
                                                  'because of diabetes or nerve damage. Don’t fall '
                                                  'asleep with a heat pack or hot water bottle on '
                                                  'you.',
                                          'do': 'Wrap the pack in a towel\n'
                                                'Use heat for up to 20 minutes at a time\n'
                                                'Check your skin every few minutes',
                                          'dont': 'Don’t put ice or a heat pack straight on your '
                                                  'skin\n'
                                                  'Don’t use heat or cold on broken skin or numb '
                                                  'areas\n'
                                                  'Don’t fall asleep on a heating pad or hot water '
                                                  'bottle\n'
                                                  'Don’t fill a hot water bottle with boiling '
                                                  'water',
                                          'source': 'NHS: Neck pain; NHS: Back pain; NHS: Sprains '
                                                    'and strains; NHS Mid and South Essex: Hot '
                                                    'water bottle safety',
                                          'source_urls': 'https://www.nhs.uk/conditions/neck-pain/\n'
                                                         'https://www.nhs.uk/conditions/back-pain/',
                                          'reviewed_on': '2026-11-27'},
                'over-the-counter-medication': {'summary': 'Pharmacy painkillers can help you keep '
                                                           'moving. Follow the packet. Ask a '
                                                           'pharmacist first if you are pregnant, '
                                                           'have a health problem or take other '
                                                           'medicines.',
                                                'more': 'Pain relief from a pharmacy can help you '
                                                        'keep moving while you get better. For '
                                                        'back pain, anti-inflammatory painkillers '
                                                        'like ibuprofen or naproxen are often '
                                                        'tried first. Acetaminophen (paracetamol) '
                                                        'on its own may not help back pain much, '
                                                        'but it is an option for neck pain. A '
                                                        'pharmacist can help you choose.\n'
                                                        '\n'
                                                        'Take the dose the packet or leaflet says, '
                                                        'and no more. Use the lowest dose that '
                                                        'helps, for the shortest time. Take '
                                                        'ibuprofen or naproxen with food. Many '
                                                        'cold and flu medicines have the same '
                                                        'drugs in them, so check the labels. Don’t '
                                                        'take two products with the same medicine '
                                                        'in them.\n'
                                                        '\n'
                                                        'Ask a pharmacist or doctor first if you '
                                                        'are pregnant or breastfeeding, or are 65 '
                                                        'or over. Ask first, too, if you have '
                                                        'asthma, or have had a stomach ulcer or '
                                                        'bleeding. The same goes if you have '
                                                        'kidney, heart or liver problems or high '
                                                        'blood pressure, or take blood thinners or '
                                                        'other regular medicines. If you need pain '
                                                        'relief for more than a few days, talk to '
                                                        'a pharmacist or doctor.',
                                                'do': 'Follow the dose on the packet or leaflet\n'
                                                      'Take ibuprofen or naproxen with food\n'
                                                      'Ask a pharmacist first if you are pregnant, '
                                                      'have a health problem or take other '
                                                      'medicines\n'
                                                      'Talk to a pharmacist or doctor if you need '
                                                      'pain relief for more than a few days',
                                                'dont': 'Don’t take more than the packet says\n'
                                                        'Don’t take two products that have the '
                                                        'same medicine in them\n'
                                                        'Don’t take ibuprofen or naproxen if you '
                                                        'have had a bad reaction to aspirin or a '
                                                        'similar painkiller\n'
                                                        'Don’t give aspirin to anyone under 16 '
                                                        'unless a doctor says so',
                                                'source': 'NHS: Back pain; NHS: Neck pain; NHS: '
                                                          'Ibuprofen for adults; NHS: Paracetamol '
                                                          'for adults; NHS: Naproxen; NHS: Aspirin '
                                                          'for pain relief; NICE: Low back pain '
                                                          'and sciatica in over 16s (NG59)',
                                                'source_urls': 'https://www.nhs.uk/conditions/back-pain/\n'
                                                               'https://www.nhs.uk/conditions/neck-pain/',
                                                'reviewed_on': '2026-11-27'},
                'rest-and-activity-modification': {'summary': 'Short rests are fine, but keep '
                                                              'moving: long bed rest can make back '
                                                              'pain worse. Change what you do, '
                                                              'then build back up.',
                                                   'more': 'A short rest can help when the pain is '
                                                           'bad. But staying in bed or sitting '
                                                           'still for a long time is likely to '
                                                           'make the pain worse. Try to keep '
                                                           'moving and carry on with your daily '
                                                           'tasks as much as you can.\n'
                                                           '\n'
                                                           'Change what you do rather than '
                                                           'stopping everything. For example, do '
                                                           'jobs in shorter bursts, take breaks, '
                                                           'or swap a heavy task for a lighter one '
                                                           'for a while. Then build back up, a bit '
                                                           'at a time. You don’t need to wait '
                                                           'until the pain has gone before you go '
                                                           'back to work.\n'
                                                           '\n'
                                                           'Some discomfort is normal when you '
                                                           'start moving more. It is not usually a '
                                                           'sign of harm. If a movement causes '
                                                           'sharp pain, or pain, numbness or '
                                                           'tingling that spreads into an arm or '
                                                           'leg, stop and check the “When to see a '
                                                           'doctor” checklist.',
                                                   'do': 'Keep moving, even if you go slowly at '
                                                         'first\n'
                                                         'Take short rests when you need them\n'
                                                         'Build back up to your usual activities a '
                                                         'bit at a time',
                                                   'dont': 'Don’t stay in bed for long periods\n'
                                                           'Don’t wait until all the pain has gone '
                                                           'before you start moving again\n'
                                                           'Don’t drive or cycle if you can’t turn '
                                                           'your head freely',
                                                   'source': 'NHS: Back pain; NHS: Neck pain; NHS '
                                                             'inform: Exercises for back pain',
                                                   'source_urls': 'https://www.nhs.uk/conditions/back-pain/\n'
                                                                  'https://www.nhs.uk/conditions/neck-pain/',
                                                   'reviewed_on': '2026-11-27'},
                'massage': {'summary': 'Gentle massage, a foam roller or a massage ball can ease '
                                       'tight muscles for a while. Use it alongside exercise, not '
                                       'instead.',
                            'more': 'Massage can ease tight muscles for a short time. It works '
                                    'best alongside staying active and doing your exercises, not '
                                    'instead of them.\n'
                                    '\n'
                                    'For self-massage, use gentle, steady pressure. It should feel '
                                    'comfortable, not painful. With a foam roller or massage ball, '
                                    'move slowly over the muscles, not over the bones of your '
                                    'spine.\n'
                                    '\n'
                                    'Stop if you feel sharp pain, numbness or tingling. Don’t '
                                    'massage over broken skin, a bruise, or a part that is red, '
                                    'hot or swollen. If you see a massage therapist or physical '
                                    'therapist, tell them about your back pain and any health '
                                    'problems.',
                            'do': 'Use gentle pressure that feels comfortable\n'
                                  'Keep doing your exercises as well\n'
                                  'Stop if you feel sharp pain, numbness or tingling',
                            'dont': 'Don’t press hard on the bones of your spine\n'
                                    'Don’t massage broken skin, bruises, or red, hot or swollen '
                                    'areas',
                            'source': 'NHS: Back pain; NICE: Low back pain and sciatica in over '
                                      '16s (NG59)',
                            'source_urls': 'https://www.nhs.uk/conditions/back-pain/',
                            'reviewed_on': '2026-11-27'},
                'ergonomic-adjustments': {'summary': 'Small changes to your chair, desk and screen '
                                                     'can take strain off your neck and back. Use '
                                                     'the desk set-up checklist and take breaks.',
                                          'more': 'Small changes to your desk can take strain off '
                                                  'your neck and upper back. Adjust your chair '
                                                  'first, then your desk and screen. Use the desk '
                                                  'set-up checklist.\n'
                                                  '\n'
                                                  'Put the top of your screen at about eye level, '
                                                  'about an arm’s length away. Keep your elbows '
                                                  'bent at about a right angle, with your forearms '
                                                  'level. Sit with your feet flat on the floor or '
                                                  'on a footrest, and your lower back supported.\n'
                                                  '\n'
                                                  'Even a good set-up won’t help if you sit still '
                                                  'all day. Take a short break at least once an '
                                                  'hour. Stand up, move about and look away from '
                                                  'the screen.',
                                          'do': 'Set your chair so your feet are flat and your '
                                                'lower back is supported\n'
                                                'Put the top of your screen at eye level\n'
                                                'Take a short break at least once an hour',
                                          'dont': 'Don’t work hunched over a laptop for long '
                                                  'periods\n'
                                                  'Don’t hold a phone between your ear and '
                                                  'shoulder',
                                          'source': 'NHS: Common posture mistakes and fixes; HSE: '
                                                    'Working safely with display screen equipment; '
                                                    'HSE: Display screen equipment (DSE) '
                                                    'workstation checklist',
                                          'source_urls': '',
                                          'reviewed_on': '2026-11-27',
                                          'checklist': 'desk-set-up'}},
 'lifestylechange': {'improving-posture': {'summary': 'Good posture should feel comfortable. '
                                                      'Change position often. Support your lower '
                                                      'back. Build strength with exercise.',
                                           'more': 'A good posture is one that feels comfortable '
                                                   'and supported, with your head over your '
                                                   'shoulders, not poking forward. No single '
                                                   'position is perfect. Changing position often '
                                                   'matters more than sitting up straight all '
                                                   'day.\n'
                                                   '\n'
                                                   'When you sit, sit back in your chair so your '
                                                   'lower back is supported. A small cushion or '
                                                   'rolled-up towel can help. Keep your feet flat '
                                                   'and your shoulders relaxed.\n'
                                                   '\n'
                                                   'Exercises that stretch your chest and '
                                                   'strengthen your upper back can make a good '
                                                   'posture easier to keep. Try the pec stretch, '
                                                   'scapular squeeze and resistance band row in '
                                                   'this guide.',
                                           'do': 'Change position often\n'
                                                 'Support your lower back when you sit\n'
                                                 'Keep your shoulders relaxed, not hunched',
                                           'dont': 'Don’t stay in one position for hours\n'
                                                   'Don’t poke your chin forward to look at a '
                                                   'screen',
                                           'source': 'NHS: Common posture mistakes and fixes; NHS: '
                                                     'Neck pain; Slater et al., JOSPT 2019: “Sit '
                                                     'up straight”: time to re-evaluate',
                                           'source_urls': 'https://www.nhs.uk/conditions/neck-pain/',
                                           'reviewed_on': '2026-11-27'},
                     'regular-physical-activity': {'summary': 'Aim for 150 minutes of activity a '
                                                              'week, like brisk walks or swims. '
                                                              'Add strength exercises on at least '
                                                              '2 days a week.',
                                                   'more': 'Being active is one of the best things '
                                                           'you can do for your back. Walking, '
                                                           'swimming, yoga and pilates are all '
                                                           'good choices. Pick something you '
                                                           'enjoy, so you keep it up.\n'
                                                           '\n'
                                                           'Adults should aim for at least 150 '
                                                           'minutes of moderate activity a week. '
                                                           'That is about 30 minutes on 5 days. '
                                                           'Moderate means you breathe faster and '
                                                           'feel warmer, but can still talk. Also '
                                                           'do activities that work your muscles, '
                                                           'like the strength exercises in this '
                                                           'guide, on at least 2 days a week.\n'
                                                           '\n'
                                                           'If you are not active now, start '
                                                           'small, for example with a 10-minute '
                                                           'walk, and build up slowly. If you have '
                                                           'a health condition, ask your doctor '
                                                           'what is right for you.',
                                                   'do': 'Start small and build up slowly\n'
                                                         'Pick an activity you enjoy\n'
                                                         'Do strength exercises on at least 2 days '
                                                         'a week',
                                                   'dont': 'Don’t sit still for long spells: break '
                                                           'them up with some movement\n'
                                                           'Don’t do too much too soon after a '
                                                           'long break',
                                                   'source': 'NHS: Physical activity guidelines '
                                                             'for adults aged 19 to 64; NHS: Back '
                                                             'pain',
                                                   'source_urls': 'https://www.nhs.uk/conditions/back-pain/',
                                                   'reviewed_on': '2026-11-27'},
                     'ergonomic-workspaces': {'summary': 'Make your desk fit you: set up the chair '
                                                         'first, then the screen and keyboard. '
                                                         'Check your set-up again when anything '
                                                         'changes.',
                                              'more': 'Your chair, desk and screen should fit you, '
                                                      'not the other way round. Start with the '
                                                      'chair. Set its height so your feet are flat '
                                                      'on the floor and your knees are about level '
                                                      'with your hips. Then move your screen and '
                                                      'keyboard to suit you.\n'
                                                      '\n'
                                                      'The same rules apply when you work from '
                                                      'home. With a laptop, use a separate '
                                                      'keyboard and mouse, and raise the screen on '
                                                      'a stand or a pile of books.\n'
                                                      '\n'
                                                      'Check your set-up again if you change '
                                                      'desks, chairs or equipment, or if you start '
                                                      'to ache. Use the desk set-up checklist.',
                                              'do': 'Set up your chair first\n'
                                                    'Use a separate keyboard and mouse with a '
                                                    'laptop\n'
                                                    'Check your set-up again if anything changes',
                                              'dont': 'Don’t use a laptop on your lap for long '
                                                      'periods\n'
                                                      'Don’t put up with a set-up that makes you '
                                                      'ache',
                                              'source': 'NHS: Common posture mistakes and fixes; '
                                                        'HSE: Working safely with display screen '
                                                        'equipment; HSE: Display screen equipment '
                                                        '(DSE) workstation checklist',
                                              'source_urls': '',
                                              'reviewed_on': '2026-11-27',
                                              'checklist': 'desk-set-up'},
                     'healthy-diet': {'summary': 'A balanced diet with calcium and vitamin D helps '
                                                 'keep bones and muscles healthy. Ask a doctor or '
                                                 'pharmacist before taking supplements.',
                                      'more': 'A balanced diet helps keep your bones and muscles '
                                              'healthy. Food is not a treatment for back pain on '
                                              'its own, but it supports the other steps in this '
                                              'guide. It also helps you stay at a healthy weight.\n'
                                              '\n'
                                              'Good sources of calcium include milk, cheese, '
                                              'yogurt, green leafy vegetables and foods with added '
                                              'calcium. Oily fish, like salmon and sardines, gives '
                                              'you vitamin D and omega-3 fats. Your body also '
                                              'makes vitamin D when sunlight falls on your skin.\n'
                                              '\n'
                                              'Ask your doctor or pharmacist before you take '
                                              'supplements, mainly if you take other medicines. '
                                              'Taking too much of some vitamins and minerals can '
                                              'be harmful.',
                                      'do': 'Eat a varied diet with plenty of fruit and '
                                            'vegetables\n'
                                            'Include foods rich in calcium, like milk, yogurt or '
                                            'green leafy vegetables\n'
                                            'Aim for 2 portions of fish a week, 1 of them oily',
                                      'dont': 'Don’t take high-dose supplements without advice',
                                      'source': 'NHS: Calcium (Vitamins and minerals); NHS: '
                                                'Vitamin D; NHS: Fish and shellfish; NHS: The '
                                                'Eatwell Guide',
                                      'source_urls': '',
                                      'reviewed_on': '2026-11-27'},
                     'stress-management': {'summary': 'Slow breathing, being active and making '
                                                      'time to relax can ease stress and tight '
                                                      'muscles. Ask for help if stress takes over.',
                                           'more': 'Try a simple breathing exercise. Sit or lie '
                                                   'down in comfort. Breathe in slowly through '
                                                   'your nose, then breathe out slowly through '
                                                   'your mouth. Keep going for 3 to 5 minutes.\n'
                                                   '\n'
                                                   'Other things that can help are being active, '
                                                   'spending time with people you trust, and '
                                                   'mindfulness, which means paying attention to '
                                                   'the present moment. Yoga can help with both '
                                                   'stress and back pain.\n'
                                                   '\n'
                                                   'If stress, worry or low mood is affecting your '
                                                   'daily life, talk to your doctor. Talking '
                                                   'therapies, like cognitive behavioral therapy '
                                                   '(CBT), can help. You can also ask about them '
                                                   'if pain is getting you down.',
                                           'do': 'Try slow breathing for a few minutes each day\n'
                                                 'Keep active\n'
                                                 'Talk to someone you trust',
                                           'dont': 'Don’t try to do everything at once: set small '
                                                   'goals\n'
                                                   'Don’t use alcohol, smoking or drugs to cope '
                                                   'with stress',
                                           'source': 'NHS: Stress; NHS: Breathing exercises for '
                                                     'stress; NHS: Mindfulness; NHS: Back pain; '
                                                     'NICE: Low back pain and sciatica in over 16s '
                                                     '(NG59)',
                                           'source_urls': 'https://www.nhs.uk/conditions/back-pain/',
                                           'reviewed_on': '2026-11-27'}},
 'preventiontip': {'regular-exercise': {'summary': 'Stretch most days and do strength exercises 2 '
                                                   'or 3 days a week. Start gently, build up '
                                                   'slowly, and stop if an exercise causes sharp '
                                                   'pain.',
                                        'more': 'Regular exercise is one of the best ways to keep '
                                                'your back healthy. Mix stretches, strength '
                                                'exercises and activities that get you moving, '
                                                'like walking or swimming.\n'
                                                '\n'
                                                'Do the stretches in this guide most days. Do the '
                                                'strength exercises on 2 or 3 days a week, with a '
                                                'rest day in between. Start with a light band or '
                                                'weight and a few repetitions, and build up '
                                                'slowly.\n'
                                                '\n'
                                                'Stop an exercise if it causes sharp pain, pain '
                                                'spreading into an arm or leg, numbness, or '
                                                'dizziness. If you have ongoing back pain or a '
                                                'health condition, ask a physical therapist for a '
                                                'plan that suits you.',
                                        'do': 'Stretch most days\n'
                                              'Do strength exercises 2 or 3 days a week\n'
                                              'Start with a light band or weight',
                                        'dont': 'Don’t push through sharp pain\n'
                                                'Don’t rush to heavy weights: build up slowly',
                                        'source': 'NHS: Back pain; NHS: Physical activity '
                                                  'guidelines for adults aged 19 to 64; NHS '
                                                  'inform: Exercises for back pain',
                                        'source_urls': 'https://www.nhs.uk/conditions/back-pain/',
                                        'reviewed_on': '2026-11-27'},
                   'mindful-movements': {'summary': 'Plan each lift, keep the load close to your '
                                                    'waist, bend your knees and hips, and turn '
                                                    'with your feet, not your back.',
                                         'more': 'Think before you lift. Is it too heavy for you? '
                                                 'Can you get help, or use a cart? Where will you '
                                                 'put it down? Clear the way first.\n'
                                                 '\n'
                                                 'Stand with your feet apart, one foot a little '
                                                 'forward. Bend your knees and hips, not just your '
                                                 'back. Get a good grip and keep the load close to '
                                                 'your waist. Lift smoothly, keeping your head up. '
                                                 'Don’t twist your back: turn by moving your '
                                                 'feet.\n'
                                                 '\n'
                                                 'Don’t lift more than you can easily manage. If '
                                                 'your job involves a lot of lifting, ask your '
                                                 'employer for training and for equipment that can '
                                                 'help.',
                                         'do': 'Plan the lift and clear the way\n'
                                               'Keep the load close to your waist\n'
                                               'Turn with your feet, not your back\n'
                                               'Ask for help with heavy or awkward loads',
                                         'dont': 'Don’t twist or lean sideways while you lift\n'
                                                 'Don’t lift more than you can easily manage\n'
                                                 'Don’t jerk the load: lift smoothly',
                                         'source': 'NHS: Safe lifting tips; HSE: Manual handling '
                                                   'at work',
                                         'source_urls': '',
                                         'reviewed_on': '2026-11-27'},
                   'maintain-a-healthy-weight': {'summary': 'Extra weight adds strain to your '
                                                            'back. Small, steady changes to what '
                                                            'you eat and how active you are work '
                                                            'best.',
                                                 'more': 'You can check if your weight is healthy '
                                                         'with a BMI calculator or by measuring '
                                                         'your waist. Your doctor can help with '
                                                         'this too.\n'
                                                         '\n'
                                                         'If you need to lose weight, aim for '
                                                         'slow, steady changes you can keep up. '
                                                         'Losing about 1 to 2 pounds a week is a '
                                                         'safe goal. Eat a balanced diet, watch '
                                                         'your portion sizes, and be more active.\n'
                                                         '\n'
                                                         'Ask your doctor for support, mainly if '
                                                         'you have a health condition or take '
                                                         'regular medicines.',
                                                 'do': 'Make small changes you can keep up\n'
                                                       'Combine healthy eating with being active\n'
                                                       'Ask your doctor for support',
                                                 'dont': 'Don’t try crash diets',
                                                 'source': 'NHS: Obesity; NHS: BMI healthy weight '
                                                           'calculator; NHS: Losing weight – '
                                                           'getting started',
                                                 'source_urls': '',
                                                 'reviewed_on': '2026-11-27'},
                   'proper-sleep-position': {'summary': 'Sleep on your back or side with one low, '
                                                        'firm pillow, so your head is level with '
                                                        'the rest of your body. Avoid sleeping on '
                                                        'your front.',
                                             'more': 'When you sleep, try to keep your head level '
                                                     'with the rest of your body. Lying on your '
                                                     'back or your side usually does this best. '
                                                     'Sleeping on your front twists your neck for '
                                                     'hours, which can make neck and upper back '
                                                     'pain worse.\n'
                                                     '\n'
                                                     'Use one low, firm pillow. If you sleep on '
                                                     'your side, a pillow between your knees may '
                                                     'help. Choose a mattress that is firm enough '
                                                     'to support you and feels comfortable.\n'
                                                     '\n'
                                                     'Try not to twist your neck when you are in '
                                                     'bed. If pain wakes you at night, or you '
                                                     'can’t get comfortable in any position, check '
                                                     'the “When to see a doctor” checklist.',
                                             'do': 'Sleep on your back or side\n'
                                                   'Use one low, firm pillow\n'
                                                   'Put a pillow between your knees if you sleep '
                                                   'on your side',
                                             'dont': 'Don’t sleep on your front\n'
                                                     'Don’t pile up pillows under your head',
                                             'source': 'NHS: Neck pain; NHS: Common posture '
                                                       'mistakes and fixes; NHS: Back pain',
                                             'source_urls': 'https://www.nhs.uk/conditions/neck-pain/\n'
                                                            'https://www.nhs.uk/conditions/back-pain/',
                                             'reviewed_on': '2026-11-27'},
                   'regular-check-ups': {'summary': 'Use check-ups to talk about back pain that '
                                                    'keeps coming back and about bone health. '
                                                    'Don’t wait for a check-up if you have warning '
                                                    'signs.',
                                         'more': 'Regular check-ups are a good time to talk to '
                                                 'your doctor about back pain that keeps coming '
                                                 'back. Bring a list of your symptoms and the '
                                                 'medicines you take.\n'
                                                 '\n'
                                                 'Ask about your bone health if you are at higher '
                                                 'risk of thin bones (osteoporosis). This includes '
                                                 'taking steroid tablets for a long time, having '
                                                 'an early menopause, having a parent who broke a '
                                                 'hip, or having broken a bone after a small fall. '
                                                 'Your doctor may suggest a bone density scan.\n'
                                                 '\n'
                                                 'Don’t wait for a check-up if you have warning '
                                                 'signs. Use the “When to see a doctor” checklist. '
                                                 'See a doctor if your pain is not better after a '
                                                 'few weeks.',
                                         'do': 'Go to the check-ups your doctor offers\n'
                                               'Ask about bone health if you are at risk of thin '
                                               'bones\n'
                                               'Bring a list of your symptoms and medicines',
                                         'dont': 'Don’t wait for a routine check-up if you have '
                                                 'warning signs',
                                         'source': 'NHS: Osteoporosis; NHS: Back pain',
                                         'source_urls': 'https://www.nhs.uk/conditions/back-pain/',
                                         'reviewed_on': '2026-11-27'}}}

FIELDS = ("summary", "more", "do", "dont", "source", "source_urls")


def fill_advice(apps, schema_editor):
    Checklist = apps.get_model("guidance", "AdviceChecklist")
    checklist = Checklist.objects.filter(slug=CHECKLIST["slug"]).first()
    for model_name, items in ADVICE.items():
        model = apps.get_model("guidance", model_name)
        for item in model.objects.filter(slug__in=items):
            added = items[item.slug]
            changed = [name for name in FIELDS if not getattr(item, name) and added.get(name)]
            for name in changed:
                setattr(item, name, added[name])
            if item.reviewed_on is None:
                item.reviewed_on = datetime.date.fromisoformat(added["reviewed_on"])
                changed.append("reviewed_on")
            if added.get("checklist") and item.checklist_id is None:
                if checklist is None:
                    checklist = Checklist.objects.create(
                        **{**CHECKLIST, "reviewed_on": datetime.date.fromisoformat(CHECKLIST["reviewed_on"])}
                    )
                item.checklist = checklist
                changed.append("checklist")
            if changed:
                item.save(update_fields=changed)


def grant(apps, schema_editor):
    grant_content_editors(apps, {"guidance": ["advicechecklist"]})


def revoke(apps, schema_editor):
    revoke_content_editors(apps, {"guidance": ["advicechecklist"]})


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0011_advice"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(fill_advice, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
