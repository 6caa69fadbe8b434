"""An agency's team: members, invitations and accepting an invitation."""
