"""The research half of the method: the question bank, which questions fit a
meeting, the answers given, the findings across meetings, and an
organization's surround (whom you know and met there, whom to meet next).

May call: the store, the domain's words, the shared services modules,
contacts and meetings.
"""
