using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Plenary.Features.Rooms;

public sealed class Room
{
    public const int MaxName = 120;

    public int Id { get; set; }
    public int ForumId { get; set; }
    public required string Name { get; set; }
    public RoomLayout Layout { get; set; }
    public int Capacity { get; set; }

    /// <summary>Cameras, microphones and a link to the online platform, so online participants can take part.</summary>
    public bool HasOnlineEquipment { get; set; }
    public int Position { get; set; }
}

/// <summary>How the seats of a room are arranged. Sessions ask for one as part of their format line.</summary>
public enum RoomLayout
{
    Auditorium,
    Banquet,
    Circle,
    UShape,
    Theater,
    Classroom,
    Boardroom,
}

public sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> room)
    {
        room.ToTable("Rooms");
        room.Property(r => r.Name).HasMaxLength(Room.MaxName);
        room.HasIndex(r => new { r.ForumId, r.Name }).IsUnique();
    }
}
